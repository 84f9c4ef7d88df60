import { SlashCommandBuilder } from 'discord.js';
import { MAX_LIMIT, MAX_QUESTION_LENGTH, type AskResult } from '../src/core/ask.js';
import { integerOption, stringOption, type CommandDefinition } from '../src/command.js';
import { renderAskText } from '../src/console/render.js';

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
};
