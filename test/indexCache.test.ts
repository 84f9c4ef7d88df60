import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVerbatim, openVerbatim, type IndexEvent } from '../src/core/verbatim.js';
import { BUNDLED_CORPUS } from '../src/corpusDir.js';
import { article, corpusFolder, validFields } from './helpers/corpusFixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-cache-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function open(corpus: string, cacheDir: string) {
  const events: IndexEvent[] = [];
  const verbatim = await loadVerbatim(corpus, { cacheDir, onIndex: (e) => events.push(e), threads: 1 });
  return { verbatim, kinds: events.map((e) => e.kind), events };
}

const QUESTIONS = ['who retook Palmyra', 'what jet was downed', 'how many IS fighters were deployed to Palmyra', 'when did the attack on Palmyra start'];

describe('persisted index', () => {
  it('builds once, then loads from the cache with the same answers as an in-memory build', async () => {
    const cache = tempDir();
    const first = await open(BUNDLED_CORPUS, cache);
    expect(first.kinds).toEqual(['built']);
    const second = await open(BUNDLED_CORPUS, cache);
    expect(second.kinds).toEqual(['loaded']);
    const memory = openVerbatim(BUNDLED_CORPUS);
    for (const q of QUESTIONS) {
      const expected = memory.ask(q, { limit: 5 });
      expect(second.verbatim.ask(q, { limit: 5 })).toEqual(expected);
      expect(first.verbatim.ask(q, { limit: 5 })).toEqual(expected);
    }
    expect(second.verbatim.timeline()).toEqual(memory.timeline());
  });

  it('rebuilds when an article changes', async () => {
    const cache = tempDir();
    const folder = corpusFolder({ 'a.md': article(validFields(1), 'The lighthouse keeper rowed to the island.\n'), 'b.md': article(validFields(2)) });
    cleanups.push(folder.remove);
    expect((await open(folder.dir, cache)).kinds).toEqual(['built']);
    expect((await open(folder.dir, cache)).kinds).toEqual(['loaded']);
    writeFileSync(join(folder.dir, 'a.md'), article(validFields(1), 'The lighthouse keeper swam to the island.\n'));
    const changed = await open(folder.dir, cache);
    expect(changed.kinds).toEqual(['built']);
    expect(changed.verbatim.ask('who swam to the island').answers[0]!.quote).toBe('The lighthouse keeper swam to the island.');
    expect(readdirSync(cache).filter((f) => f.endsWith('.vidx'))).toHaveLength(2);
  });

  it('discards a truncated or corrupt index file with an event, rebuilds it, and never serves it', async () => {
    const cache = tempDir();
    const built = await open(BUNDLED_CORPUS, cache);
    const path = (built.events[0] as { path: string }).path;
    const size = statSync(path).size;

    truncateSync(path, Math.floor(size / 2));
    const afterTruncation = await open(BUNDLED_CORPUS, cache);
    expect(afterTruncation.kinds).toEqual(['discarded', 'built']);
    expect(afterTruncation.events[0]).toMatchObject({ reason: expect.stringMatching(/truncated/) });
    expect(afterTruncation.verbatim.ask('who retook Palmyra').status).toBe('answered');

    const bytes = readFileSync(path);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(path, bytes);
    const afterFlip = await open(BUNDLED_CORPUS, cache);
    expect(afterFlip.kinds).toEqual(['discarded', 'built']);
    expect(afterFlip.events[0]).toMatchObject({ reason: expect.stringMatching(/checksum/) });

    writeFileSync(path, 'not an index');
    expect((await open(BUNDLED_CORPUS, cache)).kinds).toEqual(['discarded', 'built']);
    expect((await open(BUNDLED_CORPUS, cache)).kinds).toEqual(['loaded']);
  });
});
