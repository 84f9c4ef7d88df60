import { SlashCommandBuilder } from '@discordjs/builders';
import type { Outlet } from '../src/core/sources.js';
import { NO_OPTIONS } from '../src/commandDefinition.js';
import { renderSourcesText } from '../src/console/formatText.js';
import { sourcesJson } from '../src/json.js';
import { sourcesReply } from '../src/discord/replies.js';
import { EVERYWHERE } from '../src/discord/installs.js';
import { respond } from '../src/discord/respond.js';
import type { DiscordCommand } from '../src/discord/discordCommand.js';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('List the outlets and articles Verbatim quotes from')
  .setIntegrationTypes(...EVERYWHERE.integrations)
  .setContexts(...EVERYWHERE.contexts);

export const command: DiscordCommand<Outlet[], ReturnType<typeof NO_OPTIONS>> = {
  data,
  readOptions: NO_OPTIONS,
  run: ({ verbatim }) => verbatim.sources(),
  text: (outlets) => renderSourcesText(outlets),
  json: sourcesJson,
  async execute(interaction, context) {
    await respond(interaction, sourcesReply(await command.run(context, NO_OPTIONS({}))));
  },
};
