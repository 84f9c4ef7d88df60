import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEntry, runEntryAsync } from './helpers/run.js';
import { seedVerbatim } from './helpers/seeds.js';
import { article, corpusFolder, validFields } from './helpers/corpusFixture.js';

/** Every “…” quote the console printed, with the URL printed under it. */
function printedQuotes(stdout: string): { quote: string; url: string }[] {
  return [...stdout.matchAll(/^\d+\. “([\s\S]*?)”\n\s+— .*\n\s+(\S+)$/gmu)].map((m) => ({ quote: m[1]!, url: m[2]! }));
}


describe('offline console (npm start without a token)', () => {
  const verbatim = seedVerbatim();
  const bodyOf = (url: string) => verbatim.corpus.documents.find((d) => d.url === url)!.body;

  it('answers /ask from piped stdin with verbatim quotes and their sources, then exits 0 at EOF', async () => {
    const run = await runEntryAsync('src/main.ts', [], '/ask who retook Palmyra\n/ask what jet was downed\n');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/DISCORD_TOKEN/);
    const quotes = printedQuotes(run.stdout);
    expect(quotes.length).toBeGreaterThanOrEqual(3);
    for (const { quote, url } of quotes) expect(bodyOf(url)).toContain(quote);
    expect(run.stdout).toMatch(/re-captured Palmyra|recaptured the ancient city of Palmyra/);
    expect(run.stdout).toMatch(/2016-12-1[12]/);
  });

  it('prints /sources, /help and messages for bad input, and stops at /quit', async () => {
    const run = await runEntryAsync('src/main.ts', [], '/sources\n/help\n/nope\n/ask the of\n/quit\n/ask who retook Palmyra\n');
    expect(run.status).toBe(0);
    for (const d of verbatim.corpus.documents) {
      expect(run.stdout).toContain(d.title);
      expect(run.stdout).toContain(d.url);
    }
    expect(run.stdout).toMatch(/\/ask <question>/);
    expect(run.stdout).toMatch(/Unknown command \/nope/);
    expect(run.stdout).toMatch(/no words to search for/);
    expect(printedQuotes(run.stdout)).toHaveLength(0);
  });

  it('opens another corpus with --corpus and with CORPUS_DIR', async () => {
    const folder = corpusFolder({
      'a.md': article({ ...validFields(1), title: 'Lighthouse keepers' }, 'The lighthouse keeper rowed to the island at dawn.\n'),
      'b.md': article(validFields(2), 'Bakers rise early to knead the dough.\n'),
    });
    try {
      for (const run of [
        // Its index goes in a cache of its own: in the shared one it could push the seeds' index out (the newest three are kept).
        runEntry('src/main.ts', ['--corpus', folder.dir], '/ask who rowed to the island\n', { VERBATIM_CACHE_DIR: join(folder.dir, '.index') }),
        runEntry('src/main.ts', [], '/ask who rowed to the island\n', { CORPUS_DIR: folder.dir, VERBATIM_CACHE_DIR: join(folder.dir, '.index') }),
      ]) {
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('“The lighthouse keeper rowed to the island at dawn.”');
      }
    } finally {
      folder.remove();
    }
  });

  it('refuses a broken corpus naming file and field, without a stack trace', async () => {
    const folder = corpusFolder({ 'bad.md': article({ ...validFields(1), url: 'not a url' }), 'x.txt': 'hi' });
    try {
      const run = await runEntryAsync('src/main.ts', ['--corpus', folder.dir], '/sources\n');
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/bad\.md: url: "not a url" is not an http\(s\) URL/);
      expect(run.stderr).toMatch(/x\.txt: file: is not a Markdown file/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      folder.remove();
    }
  });
});
