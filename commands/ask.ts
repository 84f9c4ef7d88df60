import { SlashCommandBuilder } from '@discordjs/builders';
import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { MAX_LIMIT, MAX_QUESTION_LENGTH, type AskOptions, type AskResult } from '../src/core/ask.js';
import { completeQuestion } from '../src/core/keyPhrases.js';
import type { Verbatim } from '../src/core/verbatim.js';
import { z } from 'zod';
import { dateBoundOptions, optionReader } from '../src/commandDefinition.js';
import { renderAskText } from '../src/console/formatText.js';
import { answerSourcesReply, askReply, PAGE_SIZE } from '../src/discord/replies.js';
import { decodeButtonId } from '../src/discord/buttonIds.js';
import { MESSAGES } from '../src/messages.js';
import { askJson } from '../src/json.js';
import { EVERYWHERE } from '../src/discord/installs.js';
import { respond, update, followUp } from '../src/discord/respond.js';
import { readOptions } from '../src/discord/options.js';
import { respondChoices, suggest } from '../src/discord/autocomplete.js';
import { LIMITS } from '../src/discord/limits.js';
import type { DiscordCommand, DiscordContext } from '../src/discord/discordCommand.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setIntegrationTypes(...EVERYWHERE.integrations)
  .setContexts(...EVERYWHERE.contexts)
  .setDescription('Answer a question with verbatim quotes from the articles, with their sources')
  .addStringOption((option) =>
    option.setName('question').setDescription('What do you want to know?').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH).setAutocomplete(true),
  )
  .addStringOption((option) => option.setName('source').setDescription('Quote only this outlet').setAutocomplete(true))
  .addStringOption((option) => option.setName('from').setDescription('Only articles published on or after (YYYY-MM-DD, YYYY-MM or YYYY)').setMaxLength(10))
  .addStringOption((option) => option.setName('to').setDescription('Only articles published on or before (YYYY-MM-DD, YYYY-MM or YYYY)').setMaxLength(10))
  .addBooleanOption((option) => option.setName('hide').setDescription('Show the answer only to you'));

const readAskOptions = optionReader({
  question: z.string().default(''),
  source: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  hide: z.boolean().default(false),
  /** How many answers (the CLI's --limit); Discord asks for every answer it may page through. */
  limit: z.number().optional(),
});
type AskCommandOptions = ReturnType<typeof readAskOptions>;

/** The question and its filters, as the core takes them; a bad date is refused, not guessed. */
function askFor(verbatim: Verbatim, options: AskCommandOptions): AskResult {
  const { question, source, limit } = options;
  const dates = dateBoundOptions(options);
  if (!dates.ok) return { status: 'invalid', question, reason: 'bad-option', message: dates.message, answers: [] };
  const filters: AskOptions = { ...dates.bounds, ...(limit === undefined ? {} : { limit }), ...(source === undefined ? {} : { outlet: source }) };
  return verbatim.ask(question, filters);
}

async function answer(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  const options = readAskOptions(readOptions(interaction));
  const { hide } = options;
  // Every answer it may page through, found at once: paging never searches again.
  const result = await command.run(context, { ...options, limit: MAX_LIMIT });
  if (result.status !== 'answered' || !context.sessions) {
    await respond(interaction, askReply(result, { hide, page: 0 }));
    return;
  }
  const session = context.sessions.create(interaction.user.id, result, hide);
  // Answering takes milliseconds in memory, so the reply goes out at once: deferring first would
  // make a "no good match" reply public, since a defer fixes whether the answer is ephemeral.
  await respond(interaction, askReply(result, { hide, page: 0, sessionId: session.id }));
}

async function click(interaction: ButtonInteraction, { sessions }: DiscordContext): Promise<void> {
  const button = decodeButtonId(interaction.customId);
  const session = button ? sessions?.get(button.sessionId) : undefined;
  if (!button || !session) {
    // Restarted, expired or forged: take the dead buttons off, then say why.
    await interaction.update({ components: [] });
    await followUp(interaction, { content: MESSAGES.expired, ephemeral: true });
    return;
  }
  const mine = interaction.user.id === session.userId;
  const { action } = button;
  if (action === 'sources') {
    await respond(interaction, answerSourcesReply(session.result));
  } else if (!mine) {
    await respond(interaction, { content: MESSAGES.onlyAsker, ephemeral: true });
  } else if (action === 'page') {
    session.page = Math.min(button.page, Math.max(0, Math.ceil(session.result.answers.length / PAGE_SIZE) - 1));
    await update(interaction, askReply(session.result, { hide: session.hide, page: session.page, sessionId: session.id }));
  } else if (action === 'post') {
    await respond(interaction, { ...askReply(session.result, { hide: false, page: session.page, withoutButtons: true }), ephemeral: false });
  }
}

export const command: DiscordCommand<AskResult, AskCommandOptions> = {
  data,
  readOptions: readAskOptions,
  run: ({ verbatim }, options) => askFor(verbatim, options),
  text: renderAskText,
  json: askJson,
  refusal: (result) => (result.status === 'invalid' ? result.message : undefined),
  execute: answer,
  button: click,
  async autocomplete(interaction, { verbatim }) {
    const focused = interaction.options.getFocused(true);
    const choices =
      focused.name === 'source'
        ? suggest(verbatim.outlets, focused.value)
        : completeQuestion(focused.value, verbatim.keyPhrases(), LIMITS.autocompleteChoices, LIMITS.choiceValue);
    await respondChoices(interaction, choices);
  },
};
