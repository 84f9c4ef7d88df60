import { SlashCommandBuilder } from 'discord.js';
import { MAX_LIMIT, MAX_QUESTION_LENGTH, type AskResult } from '../src/core/ask.js';
import { integerOption, stringOption, type CommandDefinition } from '../src/command.js';
import { renderAskText } from '../src/console/render.js';
import { askReply } from '../src/discord/render.js';
import { respond } from '../src/discord/respond.js';
import { readOptions } from '../src/discord/options.js';
import { respondChoices, suggest } from '../src/discord/autocomplete.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Answer a question with verbatim quotes from the articles, with their sources')
  .addStringOption((option) =>
    option.setName('question').setDescription('What do you want to know?').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addStringOption((option) => option.setName('source').setDescription('Quote only this outlet').setAutocomplete(true))
  .addIntegerOption((option) => option.setName('limit').setDescription('How many quotes (default 3)').setMinValue(1).setMaxValue(MAX_LIMIT))
  .addBooleanOption((option) => option.setName('hide').setDescription('Show the answer only to you'));

export const command: CommandDefinition<AskResult> = {
  data,
  run({ verbatim }, options) {
    const source = stringOption(options, 'source');
    const limit = integerOption(options, 'limit');
    return verbatim.ask(stringOption(options, 'question') ?? '', {
      ...(source !== undefined ? { outlet: source } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
  },
  text: renderAskText,
  // Answering takes milliseconds in memory, so the reply goes out at once: deferring first would
  // make a "no good match" reply public, since a defer fixes whether the answer is ephemeral.
  async execute(interaction, context) {
    const options = readOptions(interaction);
    await respond(interaction, askReply(command.run(context, options), options.hide === true));
  },
  async autocomplete(interaction, { verbatim }) {
    const focused = interaction.options.getFocused(true);
    await respondChoices(interaction, focused.name === 'source' ? suggest(verbatim.outlets, focused.value) : []);
  },
};
