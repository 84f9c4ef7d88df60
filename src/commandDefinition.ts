import type { SlashCommandBuilder, SlashCommandOptionsOnlyBuilder } from '@discordjs/builders';
import { z } from 'zod';
import type { Verbatim } from './core/verbatim.js';
import { dateBound } from './core/dateBounds.js';
import type { CorpusHolder, ReloadOutcome } from './corpusHolder.js';
import { MESSAGES } from './messages.js';
import type { LibraryTarget } from './store/libraryWrites.js';

/** A server's own library, where a command run in that server writes (add, feed, library). */
export interface ServerLibrary extends LibraryTarget {
  /** Says the library's articles or settings changed, so its searchable index takes the difference. */
  changed(): Promise<void>;
}

/** What every face hands a command: the corpus being served (a face may add its own state, see DiscordContext). */
export interface CommandContext {
  /** Read when a command starts: a reload swaps it, and a command in flight keeps the one it read. */
  readonly verbatim: Verbatim;
  /** The corpus folder, which add writes to. */
  readonly corpusDir: string;
  /** Reloads the corpus folder, or only the named files of it (see CorpusHolder); absent where a face cannot reload. */
  reload?: (files?: readonly string[]) => Promise<ReloadOutcome>;
  /** In a Discord server: that server's library, which add and feed change instead of the folder. */
  library?: ServerLibrary;
}

/** A context whose corpus follows a holder across reloads, with a face's own state added. */
export function contextOf<Extra extends object = object>(holder: CorpusHolder, extra: Extra = {} as Extra): CommandContext & Extra {
  return {
    ...extra,
    get verbatim() {
      return holder.verbatim;
    },
    corpusDir: holder.corpusDir,
    reload: (files) => holder.reload(files),
  };
}

/** Option values by name, as a face reads them (a slash command, a console line); see readOptions. */
export type OptionValues = Record<string, string | number | boolean | undefined>;

/** The `from`/`to` options that /ask and /timeline share. */
export interface DateRangeOptions {
  from?: string;
  to?: string;
}

/** Reads a face's option values into a command's typed options; a value of the wrong type throws. */
export function optionReader<Shape extends z.ZodRawShape>(shape: Shape): (values: OptionValues) => z.infer<z.ZodObject<Shape>> {
  const schema = z.object(shape);
  return (values) => schema.parse(values);
}

export const NO_OPTIONS = optionReader({});

/** How a face renders text: the console colours highlights only on a terminal; each face names options its own way. */
export interface TextStyle {
  bold(text: string): string;
  /** How a reader of this face gives an option (`all: true` in the console, `--all` on the command line). */
  option(name: string, value: string): string;
}

export const PLAIN: TextStyle = { bold: (text) => text, option: MESSAGES.optionInConsole };
export const ANSI: TextStyle = { ...PLAIN, bold: (text) => `\x1b[1m${text}\x1b[22m` };
export const COMMAND_LINE: TextStyle = { ...PLAIN, option: MESSAGES.optionInCli };

/**
 * One command, defined once for every face: `data` is the slash command (and the console's
 * option grammar), `run` asks the core, `text` renders for the console. The Discord face adds
 * `execute` (see src/discord/discordCommand.ts); this contract knows nothing of Discord.
 */
export interface CommandDefinition<Result = unknown, Options = any> {
  data: Pick<SlashCommandBuilder | SlashCommandOptionsOnlyBuilder, 'name' | 'toJSON'>;
  /**
   * An admin command acts for every server the bot is in (the corpus is shared): it is registered
   * only in the home server (DISCORD_GUILD_ID) and refused elsewhere, and to members without
   * Manage Server, whatever Discord's permission settings say.
   */
  adminOnly?: boolean;
  /**
   * Changes a server's own library: in Discord it is for members with Manage Server or the role
   * the server's library settings name, and only in a server.
   */
  changesLibrary?: boolean;
  /** Means something only in Discord (a server's library, /help): the console and the command line leave it out. */
  discordOnly?: boolean;
  /** The command's options, typed, from what a face read (see optionReader). */
  readOptions(values: OptionValues): Options;
  run(context: CommandContext, options: Options): Result | Promise<Result>;
  text(result: Result, style: TextStyle): string;
  /** The public JSON shape of a result (README), for `--json`; absent: the command has no JSON form. */
  json?(result: Result): unknown;
  /** The message when a result is a refusal (a bad option, a page that is not an article): the CLI prints it to stderr and exits 1. */
  refusal?(result: Result): string | undefined;
  /** False for a command that works on the folder alone (add, feed): the CLI runs it without indexing the corpus first. */
  needsIndex?: boolean;
}

/**
 * The `from`/`to` options as ISO days (a month or year taken as its first or last day), or the
 * fixed message for the first that is not a date. /ask and /timeline read them alike.
 */
export function dateBoundOptions(options: DateRangeOptions): { ok: true; bounds: DateRangeOptions } | { ok: false; message: string } {
  const bounds: DateRangeOptions = {};
  for (const side of ['from', 'to'] as const) {
    const text = options[side];
    if (text === undefined) continue;
    const bound = dateBound(text, side);
    if (!bound) return { ok: false, message: MESSAGES.notADate(side) };
    bounds[side] = bound;
  }
  if (bounds.from !== undefined && bounds.to !== undefined && bounds.from > bounds.to) return { ok: false, message: MESSAGES.fromAfterTo };
  return { ok: true, bounds };
}
