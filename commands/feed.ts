import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { optionReader } from '../src/commandDefinition.js';
import { respond } from '../src/discord/respond.js';
import { readOptions } from '../src/discord/options.js';
import { MESSAGES } from '../src/messages.js';
import type { DiscordCommand } from '../src/discord/discordCommand.js';

export const data = new SlashCommandBuilder()
  .setName('feed')
  .setDescription('Follow RSS or Atom feeds: their new articles are added to the corpus (home server admins)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
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

export const command: DiscordCommand<string, ReturnType<typeof readFeedOptions>> = {
  data,
  adminOnly: true,
  readOptions: readFeedOptions,
  async run(_context, { subcommand, url }) {
    const feeds = await import('../src/web/feeds.js');
    try {
      if (subcommand === 'list') {
        const list = feeds.listFeeds();
        return list.length === 0 ? MESSAGES.noFeeds : list.map((f) => `${f.url}${f.title ? ` (${f.title})` : ''}`).join('\n');
      }
      if (!url) return MESSAGES.feedNeedsUrl(subcommand);
      if (subcommand === 'remove') {
        feeds.unfollowFeed(url);
        return MESSAGES.feedRemoved(url);
      }
      const followed = await feeds.followFeed(url);
      return MESSAGES.feedFollowed(followed.url, followed.title);
    } catch (error) {
      if (error instanceof feeds.FeedRefused) return MESSAGES.refused(error.message);
      throw error;
    }
  },
  text: (reply) => reply,
  async execute(interaction, context) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await respond(interaction, { content: await command.run(context, readFeedOptions(readOptions(interaction))), ephemeral: true });
  },
};
