import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord-api-types/v10';
import type { OptionValues } from '../commandDefinition.js';
import { MESSAGES } from '../messages.js';

export type ParsedLine = { ok: true; name: string; options: OptionValues } | { ok: false; error: string };

/**
 * Reads a console line the way Discord's client fills a slash command: `/ask who won the
 * election source: Daily Gazette from: 2020`. Free text goes to the command's first string option; a
 * `name:` word starts a named option whose value runs to the next `name:` word.
 */
export function parseLine(line: string, optionsOf: (name: string) => APIApplicationCommandOption[] | undefined): ParsedLine {
  const match = /^\/(\S+)\s*(.*)$/s.exec(line.trim());
  if (!match) return { ok: false, error: MESSAGES.notACommand };
  const name = match[1]!.toLowerCase();
  const rest = match[2]!;
  const declared = optionsOf(name);
  if (!declared) return { ok: false, error: MESSAGES.unknownCommand(name) };
  const subcommands = declared.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length === 0) return parseOptions(name, name, rest, declared);
  // `/feed add https://…`: the first word names the subcommand, the rest are its options.
  const [first = '', ...others] = rest.trim().split(/\s+/);
  const sub = subcommands.find((o) => o.name === first.toLowerCase());
  if (!sub) return { ok: false, error: MESSAGES.needsSubcommand(name, subcommands.map((o) => o.name)) };
  const parsed = parseOptions(name, `${name} ${sub.name}`, others.join(' '), 'options' in sub ? ((sub.options ?? []) as APIApplicationCommandOption[]) : []);
  return parsed.ok ? { ...parsed, options: { ...parsed.options, subcommand: sub.name } } : parsed;
}

function parseOptions(name: string, label: string, rest: string, declared: APIApplicationCommandOption[]): ParsedLine {
  const byName = new Map(declared.map((o) => [o.name, o]));
  const free = declared.find((o) => o.type === ApplicationCommandOptionType.String);
  const raw = new Map<string, string>();
  let current = free?.name;
  let buffer: string[] = [];
  const flush = () => {
    if (current !== undefined && buffer.length > 0) raw.set(current, [raw.get(current), buffer.join(' ')].filter(Boolean).join(' '));
    buffer = [];
  };
  for (const word of rest.split(/\s+/).filter(Boolean)) {
    // "https://…" is a link, not an option named https.
    const named = /^([a-z_-]+):(?!\/\/)(.*)$/i.exec(word);
    if (named && !byName.has(named[1]!.toLowerCase())) {
      // "sources: Gazette" is a mistyped option far more often than question text.
      const known = declared.map((o) => `${o.name}:`).join(', ');
      return { ok: false, error: MESSAGES.unknownOption(label, named[1]!, known) };
    }
    if (named) {
      flush();
      current = named[1]!.toLowerCase();
      if (named[2]) buffer.push(named[2]);
    } else {
      buffer.push(word);
    }
  }
  flush();
  if (current === undefined && rest.trim() !== '') return { ok: false, error: MESSAGES.takesNoText(label) };

  const options: OptionValues = {};
  for (const [key, text] of raw) {
    const option = byName.get(key)!;
    switch (option.type) {
      case ApplicationCommandOptionType.Integer: {
        if (!/^-?\d+$/.test(text)) return { ok: false, error: MESSAGES.wholeNumber(key) };
        options[key] = Number(text);
        break;
      }
      case ApplicationCommandOptionType.Boolean: {
        const value = { true: true, yes: true, false: false, no: false }[text.toLowerCase()];
        if (value === undefined) return { ok: false, error: MESSAGES.trueOrFalse(key) };
        options[key] = value;
        break;
      }
      default:
        options[key] = text;
    }
  }
  for (const option of declared) {
    if ('required' in option && option.required && options[option.name] === undefined) {
      return { ok: false, error: MESSAGES.needsOption(label, option.name, option.description) };
    }
  }
  return { ok: true, name, options };
}
