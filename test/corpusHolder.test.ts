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
});
