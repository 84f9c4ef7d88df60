import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord-api-types/v10';
import type { CommandDefinition } from './commandDefinition.js';

/** Options that name a thing in a Discord server (a channel to post into, a role, an uploaded file): nothing in a terminal. */
const DISCORD_ONLY = new Set([ApplicationCommandOptionType.Channel, ApplicationCommandOptionType.Role, ApplicationCommandOptionType.Attachment]);

/** The options of a command (or subcommand) that mean something in a terminal: not a Discord thing, not "only show me". */
function terminalOptions(options: readonly APIApplicationCommandOption[] | undefined): APIApplicationCommandOption[] {
  return (options ?? []).filter((o) => !DISCORD_ONLY.has(o.type) && o.name !== 'hide');
}

/** A command's own options, as its slash command declares them. */
export function declaredOptions(command: CommandDefinition): APIApplicationCommandOption[] {
  return terminalOptions(command.data.toJSON().options as APIApplicationCommandOption[] | undefined);
}

/** A subcommand's options (`/feed add url:`). */
export function subcommandOptions(sub: APIApplicationCommandOption): APIApplicationCommandOption[] {
  return terminalOptions('options' in sub ? (sub.options as APIApplicationCommandOption[] | undefined) : undefined);
}
