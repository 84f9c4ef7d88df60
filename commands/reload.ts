import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType } from 'discord-api-types/v10';
import { NO_OPTIONS } from '../src/commandDefinition.js';
import type { ReloadOutcome } from '../src/corpusHolder.js';
import { formatProblems } from '../src/core/corpus.js';
import { reloadReply } from '../src/discord/replies.js';
import { deferOnce, respond } from '../src/discord/respond.js';
import { MESSAGES } from '../src/messages.js';
import type { DiscordCommand } from '../src/discord/discordCommand.js';

export const data = new SlashCommandBuilder()
  .setName('reload')
  .setDescription('Reload the articles folder; the current corpus keeps answering until the new one is ready')
  // 0: only members with Administrator (or whom the server's admins allow) see the command.
  .setDefaultMemberPermissions(0)
  .setContexts(InteractionContextType.Guild);

const NOT_HERE: ReloadOutcome = { ok: false, problems: [{ file: '-', field: 'reload', message: MESSAGES.cannotReloadHere }] };

export const command: DiscordCommand<ReloadOutcome, ReturnType<typeof NO_OPTIONS>> = {
  data,
  adminOnly: true,
  readOptions: NO_OPTIONS,
  run: (context) => context.reload?.() ?? NOT_HERE,
  text: (outcome) =>
    outcome.ok
      ? MESSAGES.reloaded(outcome.articles, outcome.passages, outcome.ms)
      : formatProblems('the corpus folder', outcome.problems) + `\n${MESSAGES.previousCorpusKept}`,
  async execute(interaction, context) {
    await deferOnce(interaction, true);
    const outcome = await command.run(context, {});
    await respond(interaction, reloadReply(outcome));
  },
};
