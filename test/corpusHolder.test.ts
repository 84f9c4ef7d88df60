import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorpusHolder } from '../src/corpusHolder.js';
import { buildInMemory } from '../src/core/verbatim.js';
import { article, corpusFolder, validFields } from './helpers/corpusFixture.js';

describe('corpus holder reloads', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((f) => f()));

  it('loses no change made while a reload runs: a later request gets one more reload', async () => {
    const folder = corpusFolder({ 'a.md': article(validFields(1)) });
    const cache = mkdtempSync(join(tmpdir(), 'verbatim-holder-cache-'));
    cleanup.push(folder.remove, () => rmSync(cache, { recursive: true, force: true }));
    const holder = new CorpusHolder(buildInMemory(folder.dir), folder.dir);

    const first = holder.reload();
    // Written after the running reload read the folder.
    writeFileSync(join(folder.dir, 'b.md'), article(validFields(2)));
    const second = holder.reload();
    const third = holder.reload();
    expect(third).toBe(second);
    expect(await first).toMatchObject({ ok: true, articles: 1 });
    expect(await second).toMatchObject({ ok: true, articles: 2 });
    expect(holder.verbatim.corpus.documents.map((d) => d.id).sort()).toEqual(['a', 'b']);
    // Nothing running: a request reloads at once.
    expect(await holder.reload()).toMatchObject({ ok: true, articles: 2 });
  });

  it('reads only the named files when told which changed: added, changed and gone ones', async () => {
    const folder = corpusFolder({ 'a.md': article(validFields(1), 'The lighthouse keeper rowed to the island.\n'), 'b.md': article(validFields(2)) });
    cleanup.push(folder.remove);
    const holder = new CorpusHolder(buildInMemory(folder.dir), folder.dir);
    // Dates read before a change are carried over it: only the changed articles are read again.
    await holder.verbatim.prepareTimeline();
    writeFileSync(join(folder.dir, 'c.md'), article(validFields(3), 'The ferry to the island was cancelled by the storm on 3 March 2024.\n'));
    // A file not named is not read: this one would be refused if it were.
    writeFileSync(join(folder.dir, 'broken.md'), 'no front matter at all\n');
    expect(await holder.reload(['c.md'])).toMatchObject({ ok: true, articles: 3 });
    expect(holder.verbatim.ask('why was the ferry cancelled').answers[0]!.document.path).toBe('c.md');
    rmSync(join(folder.dir, 'broken.md'));
    expect(holder.verbatim.timeline({ all: true })).toEqual(buildInMemory(folder.dir).timeline({ all: true }));
    writeFileSync(join(folder.dir, 'broken.md'), 'no front matter at all\n');
    writeFileSync(join(folder.dir, 'a.md'), article(validFields(1), 'The lighthouse keeper swam to the island.\n'));
    rmSync(join(folder.dir, 'c.md'));
    expect(await holder.reload(['a.md', 'c.md'])).toMatchObject({ ok: true, articles: 2 });
    expect(holder.verbatim.ask('who swam to the island').answers[0]!.quote).toBe('The lighthouse keeper swam to the island.');
    expect(holder.verbatim.ask('why was the ferry cancelled').status).not.toBe('answered');
    rmSync(join(folder.dir, 'broken.md'));
    expect(holder.verbatim.timeline({ all: true })).toEqual(buildInMemory(folder.dir).timeline({ all: true }));
    writeFileSync(join(folder.dir, 'broken.md'), 'no front matter at all\n');
    // A named file with a problem is refused with its name, and the corpus being served stays.
    writeFileSync(join(folder.dir, 'd.md'), article({ ...validFields(4), url: validFields(1).url }, 'A copy of the first article under another name.\n'));
    const refused = await holder.reload(['d.md']);
    expect(refused).toMatchObject({ ok: false, problems: [expect.objectContaining({ file: 'd.md', field: 'url' })] });
    expect(holder.verbatim.corpus.documents.map((d) => d.path)).toEqual(['a.md', 'b.md']);
  });
});
