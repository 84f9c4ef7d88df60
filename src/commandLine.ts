import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError, type Option } from 'commander';
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord-api-types/v10';
import { COMMAND_LINE, type CommandContext, type CommandDefinition, type OptionValues } from './commandDefinition.js';
import { declaredOptions, subcommandOptions } from './terminalOptions.js';

/** What the command line adds to one command, beyond what its slash command declares. */
export interface CommandLineExtras {
  /** Options only the command line has; their values join the command's own (`--limit` → limit). */
  options?: Option[];
  /** The free text is words (`ask who retook the city`), and `--batch` reads it line by line from standard input. */
  batch?: boolean;
  /** Done with a result after it is printed (timeline `--png` writes the picture). */
  after?(result: unknown, flags: Record<string, unknown>): void;
}

/** How the command line gives a command its context: the corpus is indexed only for a command that needs it. */
export type ContextFor = (command: CommandDefinition) => Promise<CommandContext>;

function wholeNumber(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number.');
  return Number(value);
}

const attribute = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The option Discord's client fills from free text is, on the command line, the words after the command. */
const freeTextOption = (options: APIApplicationCommandOption[]) => options.find((o) => o.type === ApplicationCommandOptionType.String && 'required' in o && o.required);

/** Declares a slash command's options on a commander command, the free-text one as its arguments. */
function declare(target: Command, options: APIApplicationCommandOption[], words: boolean): APIApplicationCommandOption | undefined {
  const free = freeTextOption(options);
  if (free) target.argument(words ? `[${free.name}...]` : `<${free.name}>`, free.description);
  for (const option of options) {
    if (option === free || option.type === ApplicationCommandOptionType.Subcommand) continue;
    if (option.type === ApplicationCommandOptionType.Boolean) target.option(`--${option.name}`, option.description);
    else if (option.type === ApplicationCommandOptionType.Integer) target.option(`--${option.name} <n>`, option.description, wholeNumber);
    else target.option(`--${option.name} <${option.name}>`, option.description);
  }
  return free;
}

/** Option values by their slash names, as every face hands them to readOptions. */
function valuesOf(options: APIApplicationCommandOption[], free: APIApplicationCommandOption | undefined, words: string | string[] | undefined, flags: Record<string, unknown>, extras: CommandLineExtras): OptionValues {
  const values: OptionValues = {};
  if (free && words !== undefined && words.length > 0) values[free.name] = typeof words === 'string' ? words : words.join(' ');
  for (const option of options) {
    const value = flags[attribute(option.name)];
    if (option !== free && value !== undefined) values[option.name] = value as string | number | boolean;
  }
  for (const option of extras.options ?? []) {
    const value = flags[option.attributeName()];
    if (value !== undefined) values[option.attributeName()] = value as string | number | boolean;
  }
  return values;
}

/**
 * Adds a command to the program from its definition, so the command line has the slash command's
 * options, its `run` and its wording: `/ask question: … source: …` is `ask … --source …`.
 */
export function addCommand(program: Command, command: CommandDefinition, contextFor: ContextFor, extras: CommandLineExtras = {}): Command {
  const json = command.data.toJSON();
  const target = program.command(json.name).description(json.description);
  const options = declaredOptions(command);
  const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);

  const runWith = async (values: OptionValues, flags: Record<string, unknown>): Promise<void> => {
    const context = await contextFor(command);
    /** Runs the command once and prints it; false when it refused (alone: the reason on stderr; in a batch: printed in its place). */
    const once = async (lineValues: OptionValues): Promise<boolean> => {
      const result = await command.run(context, command.readOptions(lineValues));
      const refusal = command.refusal?.(result);
      if (refusal !== undefined && !flags.batch) {
        console.error(refusal);
        return false;
      }
      if (flags.json && command.json) console.log(JSON.stringify(command.json(result)));
      else console.log(command.text(result, COMMAND_LINE) + (flags.batch ? '\n' : ''));
      if (refusal === undefined) extras.after?.(result, flags);
      return refusal === undefined;
    };
    let refused = 0;
    if (flags.batch) {
      const free = freeTextOption(options)!;
      for await (const line of createInterface({ input: process.stdin })) {
        if (line.trim() !== '' && !(await once({ ...values, [free.name]: line }))) refused++;
      }
    } else if (!(await once(values))) refused++;
    if (refused > 0) process.exitCode = 1;
  };

  if (subcommands.length > 0) {
    for (const sub of subcommands) {
      const subTarget = target.command(sub.name).description(sub.description);
      const own = subcommandOptions(sub);
      const free = declare(subTarget, own, false);
      if (command.json) subTarget.option('--json', 'Print JSON (see README)');
      subTarget.action(async (...args: unknown[]) => {
        const words = free ? (args[0] as string) : undefined;
        const flags = args[free ? 1 : 0] as Record<string, unknown>;
        await runWith({ ...valuesOf(own, free, words, flags, {}), subcommand: sub.name }, flags);
      });
    }
    return target;
  }

  const free = declare(target, options, extras.batch === true);
  for (const option of extras.options ?? []) target.addOption(option);
  if (command.json) target.option('--json', extras.batch ? 'Print JSON (see README); with --batch, one JSON object per line' : 'Print JSON (see README)');
  if (extras.batch) target.option('--batch', `Read one ${free?.name ?? 'value'} per line of standard input`);
  target.action(async (...args: unknown[]) => {
    const words = free ? (args[0] as string | string[]) : undefined;
    const flags = args[free ? 1 : 0] as Record<string, unknown>;
    await runWith(valuesOf(options, free, words, flags, extras), flags);
  });
  return target;
}
