import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType } from 'discord-api-types/v10';
import { z } from 'zod';
import { optionReader, type ServerLibrary } from '../src/commandDefinition.js';
import { deferOnce, respond } from '../src/discord/respond.js';
import { readOptions } from '../src/discord/options.js';
import { escapeMarkdown } from '../src/discord/markdown.js';
import { clipped, MESSAGES } from '../src/messages.js';
import type { DiscordCommand } from '../src/discord/discordCommand.js';

export const data = new SlashCommandBuilder()
  .setName('feed')
  .setDescription("Follow RSS or Atom feeds: their new articles are added (in Discord: to this server's library)")
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Follow a feed (RSS, Atom or RDF)')
      .addStringOption((option) => option.setName('url').setDescription('The feed').setRequired(true).setMaxLength(2000)),
  )
  .addSubcommand((sub) => sub.setName('list').setDescription('The feeds followed'))
  .addSubcommand((sub) =>
    sub
      .setName('remove')
      .setDescription('Stop following a feed (its articles stay)')
      .addStringOption((option) => option.setName('url').setDescription('The feed').setRequired(true).setMaxLength(2000)),
  );

const readFeedOptions = optionReader({ subcommand: z.enum(['add', 'list', 'remove']).default('list'), url: z.string().optional() });

/** What a feed subcommand did, for every face to render. */
export type FeedOutcome =
  | { kind: 'list'; feeds: { url: string; title?: string }[] }
  | { kind: 'followed'; url: string; title?: string }
  | { kind: 'removed'; url: string }
  | { kind: 'refused'; message: string };

function feedText(outcome: FeedOutcome): string {
  switch (outcome.kind) {
    case 'list':
      return outcome.feeds.length === 0 ? MESSAGES.noFeeds : outcome.feeds.map((f) => `${f.url}${f.title ? ` (${f.title})` : ''}`).join('\n');
    case 'followed':
      return MESSAGES.feedFollowed(outcome.url, outcome.title);
    case 'removed':
      return MESSAGES.feedRemoved(outcome.url);
    case 'refused':
      return MESSAGES.refused(outcome.message);
  }
}

/** The same subcommands on a server's own feeds, in its library. */
async function libraryFeed(library: ServerLibrary, subcommand: 'add' | 'list' | 'remove', url: string | undefined): Promise<FeedOutcome> {
  if (subcommand === 'list') return { kind: 'list', feeds: (await library.store.feeds(library.serverId)).map(({ url, title }) => ({ url, ...(title ? { title } : {}) })) };
  if (!url) return { kind: 'refused', message: MESSAGES.feedNeedsUrl(subcommand) };
  if (subcommand === 'remove') {
    if (!(await library.store.unfollowFeed(library.serverId, url))) return { kind: 'refused', message: `${clipped(url)}: ${MESSAGES.notFollowed}` };
    return { kind: 'removed', url };
  }
  const { followLibraryFeed } = await import('../src/store/libraryWrites.js');
  return { kind: 'followed', ...(await followLibraryFeed(library, url)) };
}

export const command: DiscordCommand<FeedOutcome, ReturnType<typeof readFeedOptions>> = {
  data,
  changesLibrary: true,
  needsIndex: false,
  readOptions: readFeedOptions,
  async run(context, { subcommand, url }) {
    const feeds = await import('../src/web/feeds.js');
    try {
      if (context.library) return await libraryFeed(context.library, subcommand, url);
      if (subcommand === 'list') return { kind: 'list', feeds: feeds.listFeeds().map(({ url, title }) => ({ url, ...(title ? { title } : {}) })) };
      if (!url) return { kind: 'refused', message: MESSAGES.feedNeedsUrl(subcommand) };
      if (subcommand === 'remove') {
        feeds.unfollowFeed(url);
        return { kind: 'removed', url };
      }
      const followed = await feeds.followFeed(url);
      return { kind: 'followed', url: followed.url, ...(followed.title ? { title: followed.title } : {}) };
    } catch (error) {
      if (error instanceof feeds.FeedRefused) return { kind: 'refused', message: error.message };
      throw error;
    }
  },
  text: feedText,
  json: (outcome) => (outcome.kind === 'list' ? outcome.feeds : outcome.kind === 'refused' ? { error: outcome.message } : outcome),
  refusal: (outcome) => (outcome.kind === 'refused' ? outcome.message : undefined),
  async execute(interaction, context) {
    await deferOnce(interaction, true);
    const outcome = await command.run(context, readFeedOptions(readOptions(interaction)));
    // A feed's title is the feed's own text: shown as text, markdown escaped.
    const shown: FeedOutcome =
      outcome.kind === 'list'
        ? { ...outcome, feeds: outcome.feeds.map((f) => ({ ...f, ...(f.title ? { title: escapeMarkdown(f.title) } : {}) })) }
        : outcome.kind === 'followed' && outcome.title
          ? { ...outcome, title: escapeMarkdown(outcome.title) }
          : outcome;
    await respond(interaction, { content: feedText(shown), ephemeral: true });
  },
};
