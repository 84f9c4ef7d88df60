import { ContextMenuCommandBuilder, SlashCommandBuilder } from '@discordjs/builders';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { EVERYWHERE } from '../src/discord/installs.js';
import { z } from 'zod';
import { optionReader } from '../src/commandDefinition.js';
import { findSources, type SourcesFor } from '../src/core/findSources.js';
import { renderSourcesForText } from '../src/console/formatText.js';
import { sourcesForJson } from '../src/json.js';
import { readOptions } from '../src/discord/options.js';
import { respond } from '../src/discord/respond.js';
import { sourcesForReply } from '../src/discord/sourcesForReply.js';
import { MESSAGES } from '../src/messages.js';
import type { DiscordCommand } from '../src/discord/discordCommand.js';

export const data = new SlashCommandBuilder()
  .setName('sources-for')
  .setDescription("Quote what the articles report about each checkable claim of a text (never true or false)")
  .setIntegrationTypes(...EVERYWHERE.integrations)
  .setContexts(...EVERYWHERE.contexts)
  .addStringOption((option) => option.setName('text').setDescription('The text to find sources for (a post, a message)').setRequired(true).setMaxLength(2000));

/** "Find sources" on any message: the same command on the message's text. */
const contextMenu = new ContextMenuCommandBuilder()
  .setName(MESSAGES.findSources)
  .setType(ApplicationCommandType.Message)
  .setIntegrationTypes(...EVERYWHERE.integrations)
  .setContexts(...EVERYWHERE.contexts);

const readSourcesForOptions = optionReader({ text: z.string().default('') });

export const command: DiscordCommand<SourcesFor, ReturnType<typeof readSourcesForOptions>> = {
  data,
  contextMenu,
  readOptions: readSourcesForOptions,
  run: ({ verbatim }, { text }) => findSources(verbatim.index, text),
  text: renderSourcesForText,
  json: sourcesForJson,
  async execute(interaction, context) {
    await respond(interaction, sourcesForReply(await command.run(context, readSourcesForOptions(readOptions(interaction)))));
  },
  async messageContext(interaction, context) {
    const text = interaction.targetMessage.content;
    if (text.trim() === '') {
      await respond(interaction, { content: MESSAGES.noMessageText, ephemeral: true });
      return;
    }
    await respond(interaction, sourcesForReply(await command.run(context, { text })));
  },
  async button(interaction) {
    // The private answer's own embeds, posted as they are: nothing is looked up again.
    await respond(interaction, { embeds: interaction.message.embeds.map((e) => e.toJSON()), ephemeral: false });
  },
};
