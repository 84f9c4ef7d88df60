import { createInterface } from 'node:readline';
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord-api-types/v10';
import { ANSI, PLAIN, type CommandContext, type CommandDefinition } from '../commandDefinition.js';
import { parseLine } from './parseLine.js';
import { declaredOptions, subcommandOptions } from '../terminalOptions.js';
import { MESSAGES } from '../messages.js';

const BUILT_INS = [
  ['/help', 'list the commands'],
  ['/quit', 'leave (Ctrl-D works too)'],
] as const;

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A terminal gets a prompt and bold highlights; a pipe gets plain text only. */
  interactive: boolean;
}


function usage(options: APIApplicationCommandOption[]): string {
  return options.map((o) => ('required' in o && o.required ? `<${o.name}>` : `[${o.name}:…]`)).join(' ');
}

/** One line per command, or per subcommand (`/feed add <url>`). */
function usageLine(command: CommandDefinition): string {
  const json = command.data.toJSON();
  const options = declaredOptions(command);
  const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length > 0) {
    return subcommands
      .map((sub) => {
        const own = usage(subcommandOptions(sub));
        return `  /${json.name} ${sub.name}${own ? ' ' + own : ''}  — ${sub.description}`;
      })
      .join('\n');
  }
  const line = usage(options);
  return `  /${json.name}${line ? ' ' + line : ''}  — ${json.description}`;
}

function helpText(commands: Map<string, CommandDefinition>): string {
  const lines = ['Commands:', ...[...commands.values()].map(usageLine)];
  for (const [name, what] of BUILT_INS) lines.push(`  ${name}  — ${what}`);
  return lines.join('\n');
}

/** `/help ask`: one command, each option with what it does. */
function commandHelp(command: CommandDefinition): string {
  const options = declaredOptions(command).filter((o) => o.type !== ApplicationCommandOptionType.Subcommand);
  return [usageLine(command).replace(/^ {2}/gm, ''), ...options.map((o) => `  ${o.name}: ${o.description}`)].join('\n');
}

/** Runs one console line; returns the text to print, or undefined to leave. */
export async function runLine(line: string, commands: Map<string, CommandDefinition>, context: CommandContext, interactive = false): Promise<string | undefined> {
  const trimmed = line.trim();
  if (trimmed === '') return '';
  if (trimmed === '/quit' || trimmed === '/exit') return undefined;
  if (trimmed === '/help') return helpText(commands);
  const helpFor = /^\/help\s+\/?(\S+)$/.exec(trimmed);
  if (helpFor) {
    const command = commands.get(helpFor[1]!.toLowerCase());
    return command ? commandHelp(command) : MESSAGES.unknownCommand(helpFor[1]!);
  }
  const parsed = parseLine(trimmed, (name) => commands.get(name)?.data.toJSON().options as APIApplicationCommandOption[] | undefined);
  if (!parsed.ok) return parsed.error;
  const command = commands.get(parsed.name)!;
  return command.text(await command.run(context, command.readOptions(parsed.options)), interactive ? ANSI : PLAIN);
}

/** The offline console: reads commands line by line, one at a time, until /quit or end of input. */
export async function runConsole(commands: Map<string, CommandDefinition>, context: CommandContext, options: ConsoleOptions): Promise<void> {
  const rl = createInterface({ input: options.input, output: options.interactive ? options.output : undefined, terminal: options.interactive });
  const write = (text: string) => options.output.write(text.endsWith('\n') ? text : text + '\n');
  if (options.interactive) {
    rl.setPrompt('verbatim> ');
    rl.prompt();
  }
  for await (const line of rl) {
    let reply: string | undefined;
    try {
      reply = await runLine(line, commands, context, options.interactive);
    } catch (error) {
      reply = MESSAGES.consoleFailure((error as Error).message);
    }
    if (reply === undefined) break;
    if (reply !== '') write(reply + '\n');
    if (options.interactive) rl.prompt();
  }
  rl.close();
}
