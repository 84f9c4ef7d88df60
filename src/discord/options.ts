import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction, CommandInteractionOption } from 'discord.js';
import type { OptionValues } from '../commandDefinition.js';

/**
 * A slash command's options as plain values, like the console's: a channel or a role becomes its
 * id, an uploaded file its address, and a subcommand its name under `subcommand` with its own
 * options alongside.
 */
export function readOptions(interaction: ChatInputCommandInteraction): OptionValues {
  const values: OptionValues = {};
  const read = (options: readonly CommandInteractionOption[]) => {
    for (const option of options) {
      if (option.type === ApplicationCommandOptionType.Subcommand) {
        values.subcommand = option.name;
        read(option.options ?? []);
      } else {
        values[option.name] = option.channel?.id ?? option.role?.id ?? option.attachment?.url ?? (option.value as string | number | boolean | undefined);
      }
    }
  };
  read(interaction.options.data);
  return values;
}
