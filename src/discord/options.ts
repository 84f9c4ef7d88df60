import type { ChatInputCommandInteraction } from 'discord.js';
import type { OptionValues } from '../commandDefinition.js';

/** A slash command's options as plain values (a channel becomes its id), like the console's. */
export function readOptions(interaction: ChatInputCommandInteraction): OptionValues {
  const values: OptionValues = {};
  for (const option of interaction.options.data) {
    values[option.name] = option.channel ? option.channel.id : (option.value as string | number | boolean | undefined);
  }
  return values;
}
