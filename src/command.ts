import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, SlashCommandOptionsOnlyBuilder, SlashCommandBuilder } from 'discord.js';
import type { Verbatim } from './core/verbatim.js';
import { dateBound } from './core/dateBounds.js';
import type { AskSessions } from './discord/askSessions.js';
import type { CorpusHolder, ReloadOutcome } from './corpusHolder.js';
import { MESSAGES } from './messages.js';

/** What every face hands a command: the corpus being served; the bot adds its per-process state. */
export interface CommandContext {
  /** Read when a command starts: a reload swaps it, and a command in flight keeps the one it read. */
  readonly verbatim: Verbatim;
  /** Reloads the corpus folder (see CorpusHolder); absent where a face cannot reload. */
  reload?: () => Promise<ReloadOutcome>;
  /** Answers whose buttons still work (Discord only). */
  sessions?: AskSessions;
}

/** A context whose corpus follows a holder across reloads. */
export function contextOf(holder: CorpusHolder, extra: Omit<CommandContext, 'verbatim' | 'reload'> = {}): CommandContext {
  return {
    ...extra,
    get verbatim() {
      return holder.verbatim;
    },
    reload: () => holder.reload(),
  };
}

/** Option values by name, as read from a slash command or a console line. */
export type OptionValues = Record<string, string | number | boolean | undefined>;

/** How a face renders text: the console colours highlights only on a terminal. */
export interface TextStyle {
  bold(text: string): string;
}

export const PLAIN: TextStyle = { bold: (text) => text };
export const ANSI: TextStyle = { bold: (text) => `\x1b[1m${text}\x1b[22m` };

/**
 * One command, defined once for every face: `data` is the slash command (and the console's
 * option grammar), `run` asks the core, `text` renders for the console, `execute` for Discord.
 */
export interface CommandDefinition<Result = unknown> {
  data: Pick<SlashCommandBuilder | SlashCommandOptionsOnlyBuilder, 'name' | 'toJSON'>;
  run(context: CommandContext, options: OptionValues): Result | Promise<Result>;
  text(result: Result, style: TextStyle): string;
  /** The Discord face: answer the interaction (through src/discord/respond.ts). */
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  /** Suggestions for an option marked autocomplete; must answer within 3 s and cannot defer. */
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<void>;
  /** A click on one of the command's buttons; their custom ids start with "<command name>:". */
  button?(interaction: ButtonInteraction, context: CommandContext): Promise<void>;
}

/**
 * The `from`/`to` options as ISO days (a month or year taken as its first or last day), or the
 * fixed message for the first that is not a date. /ask and /timeline read them alike.
 */
export function dateBoundOptions(options: OptionValues): { ok: true; bounds: { from?: string; to?: string } } | { ok: false; message: string } {
  const bounds: { from?: string; to?: string } = {};
  for (const side of ['from', 'to'] as const) {
    const text = stringOption(options, side);
    if (text === undefined) continue;
    const bound = dateBound(text, side);
    if (!bound) return { ok: false, message: MESSAGES.notADate(side) };
    bounds[side] = bound;
  }
  if (bounds.from !== undefined && bounds.to !== undefined && bounds.from > bounds.to) return { ok: false, message: MESSAGES.fromAfterTo };
  return { ok: true, bounds };
}

export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}
