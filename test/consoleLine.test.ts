import { describe, expect, it } from 'vitest';
import type { APIApplicationCommandOption } from 'discord-api-types/v10';
import { runLine } from '../src/console/console.js';
import { parseLine } from '../src/console/parseLine.js';
import { loadCommands } from '../src/loadCommands.js';
import { renderSourcesText } from '../src/console/formatText.js';
import { count } from '../src/core/wording.js';
import { seedVerbatim } from './helpers/seeds.js';

describe('console lines', async () => {
  const commands = await loadCommands();
  const verbatim = seedVerbatim();
  const context = { verbatim, corpusDir: verbatim.corpus.dir };
  const run = (line: string) => runLine(line, commands, context);

  it('refuses an option the command does not have instead of searching it as text', async () => {
    expect(await run('/ask who retook the city sources: ARA News')).toBe('/ask has no option sources:. Its options: question:, source:, from:, to:, hide:.');
    expect(await run('/timeline foo: bar')).toMatch(/^\/timeline has no option foo:\./);
  });

  it('says so when from is after to', async () => {
    expect(await run('/timeline from: 2016-12-31 to: 2016-01-01')).toBe('from must be on or before to.');
    expect(await run('/ask who retook the city from: 2017 to: 2016')).toBe('from must be on or before to.');
  });

  it('explains one command with /help <command>', async () => {
    const help = await run('/help ask');
    expect(help).toMatch(/^\/ask <question>/);
    expect(help).toContain('  source: Quote only this outlet');
    expect(await run('/help /sources')).toMatch(/^\/sources/);
    expect(await run('/help nothing')).toBe('Unknown command /nothing. Type /help for the list.');
  });

  it('counts in the singular and plural', () => {
    expect(count(1, 'article')).toBe('1 article');
    expect(count(2, 'passage')).toBe('2 passages');
    const doc = { id: 'a', title: 'T', outlet: 'O', url: 'https://e.com/a', published: '2020-01-01', path: 'a.md', passages: 1 };
    expect(renderSourcesText([{ outlet: 'O', documents: [doc] }])).toBe('1 article from 1 outlet:\n\nO\n  2020-01-01  T (1 passage)\n              https://e.com/a');
  });
});

describe('console subcommands', async () => {
  const commands = await loadCommands();
  const optionsOf = (name: string) => commands.get(name)?.data.toJSON().options as APIApplicationCommandOption[] | undefined;

  it('reads /feed add <url> like Discord fills a subcommand, and names the subcommands when one is missing', () => {
    expect(parseLine('/feed add https://news.example/rss.xml', optionsOf)).toEqual({ ok: true, name: 'feed', options: { subcommand: 'add', url: 'https://news.example/rss.xml' } });
    expect(parseLine('/feed list', optionsOf)).toEqual({ ok: true, name: 'feed', options: { subcommand: 'list' } });
    expect(parseLine('/feed', optionsOf)).toEqual({ ok: false, error: '/feed needs one of: add, list, remove.' });
    expect(parseLine('/feed add', optionsOf)).toEqual({ ok: false, error: '/feed add needs url: The feed' });
    expect(parseLine('/feed list extra words', optionsOf)).toEqual({ ok: false, error: '/feed list takes no text.' });
  });
});
