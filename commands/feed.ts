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
  .addStringOption((option) =>
    option
      .setName('action')
      .setDescription('What to do')
      .setRequired(true)
      .addChoices({ name: 'add', value: 'add' }, { name: 'list', value: 'list' }, { name: 'remove', value: 'remove' }),
  )
  .addStringOption((option) => option.setName('url').setDescription('The feed (for add and remove)').setMaxLength(2000));

const readFeedOptions = optionReader({ action: z.string().default('list'), url: z.string().optional() });

export const command: DiscordCommand<string, ReturnType<typeof readFeedOptions>> = {
  data,
  adminOnly: true,
  readOptions: readFeedOptions,
  async run(_context, { action, url }) {
    const feeds = await import('../src/web/feeds.js');
    try {
      if (action === 'list') {
        const list = feeds.listFeeds();
        return list.length === 0 ? MESSAGES.noFeeds : list.map((f) => `${f.url}${f.title ? ` (${f.title})` : ''}`).join('\n');
      }
      if (action !== 'add' && action !== 'remove') return MESSAGES.feedActions;
      if (!url) return MESSAGES.feedNeedsUrl(action);
      if (action === 'remove') {
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
