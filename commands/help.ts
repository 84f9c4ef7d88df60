import { SlashCommandBuilder } from '@discordjs/builders';
import { ApplicationCommandOptionType, type APIApplicationCommandOption, type APIEmbed } from 'discord-api-types/v10';
import { NO_OPTIONS } from '../src/commandDefinition.js';
import { loadCommands } from '../src/loadCommands.js';
import { EVERYWHERE } from '../src/discord/installs.js';
import { respond } from '../src/discord/respond.js';
import { MESSAGES } from '../src/messages.js';
import { LIMITS } from '../src/discord/limits.js';
import type { DiscordCommand } from '../src/discord/discordCommand.js';

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What Verbatim does and will not do, and its commands')
  .setIntegrationTypes(...EVERYWHERE.integrations)
  .setContexts(...EVERYWHERE.contexts);

/** One line per command (or subcommand) as Discord's client shows it: `/feed add url:`. */
function usage(name: string, options: readonly APIApplicationCommandOption[] | undefined): string[] {
  const subcommands = (options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length > 0) return subcommands.flatMap((sub) => usage(`${name} ${sub.name}`, 'options' in sub ? sub.options : undefined));
  const shown = (options ?? []).map((o) => ('required' in o && o.required ? `${o.name}:` : `[${o.name}:]`));
  return [`\`/${[name, ...shown].join(' ')}\``];
}

export interface HelpEntry {
  name: string;
  usage: string[];
  description: string;
}

export const command: DiscordCommand<HelpEntry[], ReturnType<typeof NO_OPTIONS>> = {
  data,
  discordOnly: true,
  needsIndex: false,
  readOptions: NO_OPTIONS,
  async run() {
    const commands = await loadCommands<DiscordCommand>();
    return [...commands.values()].map((c) => {
      const json = c.data.toJSON();
      return { name: json.name, usage: usage(json.name, json.options as APIApplicationCommandOption[] | undefined), description: json.description };
    });
  },
  text: (entries) => entries.map((e) => `${e.usage.join(', ')}: ${e.description}`).join('\n'),
  async execute(interaction, context) {
    const entries = await command.run(context, NO_OPTIONS({}));
    const embed: APIEmbed = {
      title: MESSAGES.helpTitle,
      description: MESSAGES.helpAbout,
      fields: [
        ...entries.slice(0, LIMITS.embedFields - 1).map((e) => ({ name: `/${e.name}`, value: `${e.description}\n${e.usage.join('\n')}`.slice(0, LIMITS.fieldValue) })),
        { name: MESSAGES.findSources, value: MESSAGES.helpFindSources },
      ],
    };
    await respond(interaction, { embeds: [embed], ephemeral: true });
  },
};
