import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { addCommand } from '../src/commandLine.js';
import { loadCommands } from '../src/loadCommands.js';
import { runLine } from '../src/console/console.js';
import { declaredOptions, subcommandOptions } from '../src/terminalOptions.js';
import { MESSAGES } from '../src/messages.js';
import { compiled, runAsync, runEntry } from './helpers/run.js';
import { seedVerbatim } from './helpers/seeds.js';

const cli = (args: string[], input = '') => runEntry('src/cli.ts', args, input);
/** The same, without blocking: independent runs of one test go at once. */
const cliAsync = (args: string[]) => runAsync(process.execPath, [compiled('src/cli.ts'), ...args], { ...process.env, DISCORD_TOKEN: '', CORPUS_DIR: '', FORCE_COLOR: '0' });

describe('cli', () => {
  const verbatim = seedVerbatim();
  const bodyOf = (id: string) => verbatim.corpus.documents.find((d) => d.id === id)!.body;

  it('ask --json prints the documented shape with verbatim quotes and offsets', () => {
    const run = cli(['ask', 'who', 'retook', 'Palmyra', '--limit', '2', '--json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.question).toBe('who retook Palmyra');
    expect(json.answers).toHaveLength(2);
    expect(json.differences).toEqual([]);
    // The same report in another outlet is in the JSON, as the text view shows it.
    const corroborated = json.answers.flatMap((a: { alsoReportedBy: { quote: string; start: number; end: number; document: { id: string } }[] }) => a.alsoReportedBy);
    expect(corroborated.length).toBeGreaterThan(0);
    for (const q of corroborated) expect(q.quote).toBe(bodyOf(q.document.id).slice(q.start, q.end));
    for (const a of json.answers) {
      expect(Object.keys(a).sort()).toEqual(['alsoReportedBy', 'document', 'end', 'quote', 'rank', 'score', 'start']);
      expect(Object.keys(a.document).sort()).toEqual(['id', 'outlet', 'path', 'published', 'title', 'url']);
      expect(a.quote).toBe(bodyOf(a.document.id).slice(a.start, a.end));
      expect(a.document.path).toBe(`${a.document.id}.md`);
    }
  });

  it('ask --batch --json answers one JSON line per question line', () => {
    const run = cli(['ask', '--batch', '--json'], 'who retook Palmyra\nwhat jet was downed\nthe best pizza in Naples\n');
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(['who retook Palmyra', 'what jet was downed', 'the best pizza in Naples']);
    expect(lines[0].answers.length).toBeGreaterThan(0);
    expect(lines[2].answers).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('prints plain text without --json', () => {
    const run = cli(['ask', 'what jet was downed']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^1\. “.*MiG-23/m);
  });

  it('sends errors to stderr with a non-zero exit', async () => {
    const [empty, badLimit, badSource] = await Promise.all([cliAsync(['ask', '   ']), cliAsync(['ask', 'Palmyra', '--limit', 'x']), cliAsync(['ask', 'Palmyra', '--source', 'Nowhere'])]);
    expect(empty.status).not.toBe(0);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toMatch(/Ask a question/);
    expect(badLimit.status).not.toBe(0);
    expect(badLimit.stderr).toMatch(/--limit/);
    expect(badSource.status).not.toBe(0);
    expect(badSource.stderr).toMatch(/No outlet is named "Nowhere"/);
  });

  it('reads ask --from/--to as /ask does everywhere: a year or a month is a date, anything else the same refusal', async () => {
    const [year, later, bad] = await Promise.all([
      cliAsync(['ask', 'who retook Palmyra', '--from', '2016', '--to', '2016-12', '--json']),
      cliAsync(['ask', 'who retook Palmyra', '--from', '2017', '--json']),
      cliAsync(['ask', 'who retook Palmyra', '--from', 'soon']),
    ]);
    expect(year.status, year.stderr).toBe(0);
    expect(JSON.parse(year.stdout).answers.length).toBeGreaterThan(0);
    expect(JSON.parse(later.stdout).answers).toEqual([]);
    expect(bad.status).toBe(1);
    // The last line: a first run after the cache was pruned also says it indexed the seeds.
    expect(bad.stderr.trim().split('\n').at(-1)).toBe(MESSAGES.notADate('from'));
  });

  it('sources-for --json gives one object: each claim with its offsets in the text, and its verbatim quotes', async () => {
    const text = 'Hello! Islamic State militants recaptured Palmyra on Sunday. Engineers in Oslo opened a tunnel of 14 kilometres in 1998.';
    const [run, plain] = await Promise.all([cliAsync(['sources-for', '--json', text]), cliAsync(['sources-for', text])]);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.text).toBe(text);
    expect(result.claims.map((c: { found: boolean }) => c.found)).toEqual([true, false]);
    const bodies = new Map(verbatim.corpus.documents.map((d) => [d.url, d.body]));
    for (const claim of result.claims) {
      expect(text.slice(claim.start, claim.end)).toBe(claim.claim);
      for (const q of claim.quotes) expect(bodies.get(q.document.url)!.slice(q.start, q.end)).toBe(q.quote);
    }
    expect(plain.stdout).toMatch(/Claim 2: “Engineers in Oslo opened a tunnel of 14 kilometres in 1998\.”\n {3}The library has nothing on this\./);
  });

  it('sources --json lists every outlet and document', () => {
    const run = cli(['sources', '--json']);
    expect(run.status).toBe(0);
    const { outlets } = JSON.parse(run.stdout);
    expect(outlets.flatMap((o: { documents: unknown[] }) => o.documents)).toHaveLength(verbatim.corpus.documents.length);
    // Only the documented fields go out (README), never the core's object as it happens to be.
    for (const d of outlets.flatMap((o: { documents: object[] }) => o.documents)) {
      for (const key of Object.keys(d)) expect(['id', 'title', 'outlet', 'url', 'published', 'author', 'path', 'passages']).toContain(key);
    }
  });
});

describe('the command line is built from the command definitions', async () => {
  const commands = await loadCommands();
  const verbatim = seedVerbatim();
  const context = { verbatim, corpusDir: verbatim.corpus.dir };

  it('has every slash option of every command (but a channel to post in, or hide), under the same name', () => {
    const program = new Command();
    for (const command of commands.values()) addCommand(program, command, async () => context);
    const namesOf = (target: Command) => [...target.registeredArguments.map((a) => a.name()), ...target.options.map((o) => o.long!.slice(2))].filter((n) => n !== 'json').sort();
    for (const command of commands.values()) {
      const target = program.commands.find((c) => c.name() === command.data.name)!;
      const declared = declaredOptions(command);
      const subcommands = declared.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
      if (subcommands.length === 0) {
        expect(namesOf(target), command.data.name).toEqual(declared.map((o) => o.name).sort());
        continue;
      }
      for (const sub of subcommands) {
        const subTarget = target.commands.find((c) => c.name() === sub.name)!;
        expect(namesOf(subTarget), `${command.data.name} ${sub.name}`).toEqual(subcommandOptions(sub).map((o) => o.name).sort());
      }
    }
    // A channel option means nothing in a terminal; the timeline's other options are all there.
    expect(namesOf(program.commands.find((c) => c.name() === 'timeline')!)).toEqual(['all', 'dates', 'from', 'per-date', 'to', 'topic']);
  });

  it('refuses in the console\'s words: the same line for the same bad option', async () => {
    const cases: [string[], string][] = [
      [['timeline', '--from', 'soon'], '/timeline from: soon'],
      [['ask', 'who retook Palmyra', '--from', '2017', '--to', '2016'], '/ask who retook Palmyra from: 2017 to: 2016'],
      [['timeline', '--per-date', '11'], '/timeline per-date: 11'],
    ];
    const runs = await Promise.all(cases.map(([args]) => cliAsync(args)));
    for (const [k, [args, line]] of cases.entries()) {
      const run = runs[k]!;
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stderr.trim()).toBe(await runLine(line, commands, context));
    }
  });
});
