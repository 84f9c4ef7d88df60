import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWithCache, buildInMemory, type IndexEvent } from '../src/core/verbatim.js';
import { BUNDLED_CORPUS } from '../src/corpusDir.js';
import { KEEP_INDEX_FOLDERS } from '../src/core/indexStore.js';
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
  const verbatim = await openWithCache(corpus, { cacheDir, onIndex: (e) => events.push(e), threads: 1 });
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
    const memory = buildInMemory(BUNDLED_CORPUS);
    for (const q of QUESTIONS) {
      const expected = memory.ask(q, { limit: 5 });
      expect(second.verbatim.ask(q, { limit: 5 })).toEqual(expected);
      expect(first.verbatim.ask(q, { limit: 5 })).toEqual(expected);
    }
    expect(second.verbatim.timeline()).toEqual(memory.timeline());
  });

  it('applies only the difference when an article changes, is added or removed, and answers as a fresh build', async () => {
    const cache = tempDir();
    const folder = corpusFolder({ 'a.md': article(validFields(1), 'The lighthouse keeper rowed to the island.\n'), 'b.md': article(validFields(2)) });
    cleanups.push(folder.remove);
    expect((await open(folder.dir, cache)).kinds).toEqual(['built']);
    const unchanged = await open(folder.dir, cache);
    expect(unchanged.events).toEqual([expect.objectContaining({ kind: 'loaded', added: 0, removed: 0 })]);
    writeFileSync(join(folder.dir, 'a.md'), article(validFields(1), 'The lighthouse keeper swam to the island.\n'));
    writeFileSync(join(folder.dir, 'c.md'), article(validFields(3), 'The ferry to the island was cancelled by the storm.\n\nThe physician arrived on the next boat.\n'));
    const changed = await open(folder.dir, cache);
    // The changed article counts as removed and added again; the new one as added.
    expect(changed.events).toEqual([expect.objectContaining({ kind: 'loaded', added: 2, removed: 1 })]);
    expect(changed.verbatim.ask('who swam to the island').answers[0]!.quote).toBe('The lighthouse keeper swam to the island.');
    expect(changed.verbatim.ask('who rowed to the island').answers.map((a) => a.quote)).not.toContain('The lighthouse keeper rowed to the island.');
    rmSync(join(folder.dir, 'b.md'));
    const removed = await open(folder.dir, cache);
    expect(removed.events).toEqual([expect.objectContaining({ kind: 'loaded', added: 0, removed: 1 })]);
    const fresh = buildInMemory(folder.dir);
    // A word only the added article has still meets its WordNet synonyms after a restart (the links are stored with its segment).
    expect(removed.verbatim.ask('when did the doctor arrive').answers[0]!.quote).toBe('The physician arrived on the next boat.');
    for (const q of ['who swam to the island', 'why was the ferry cancelled', 'when did the doctor arrive']) {
      expect(removed.verbatim.ask(q, { limit: 5 }).answers.map((a) => [a.quote, a.document.path, a.score])).toEqual(fresh.ask(q, { limit: 5 }).answers.map((a) => [a.quote, a.document.path, a.score]));
    }
    expect(removed.verbatim.sources()).toEqual(fresh.sources());
  });

  it('discards a truncated or corrupt segment file with an event, rebuilds it, and never serves it', async () => {
    const cache = tempDir();
    const built = await open(BUNDLED_CORPUS, cache);
    const folder = (built.events[0] as { path: string }).path;
    const path = join(folder, readdirSync(folder).find((f) => f.endsWith('.vseg'))!);
    const size = statSync(path).size;

    truncateSync(path, Math.floor(size / 2));
    const afterTruncation = await open(BUNDLED_CORPUS, cache);
    expect(afterTruncation.kinds).toEqual(['discarded', 'built']);
    expect(afterTruncation.events[0]).toMatchObject({ reason: expect.stringMatching(/truncated/) });
    expect(afterTruncation.verbatim.ask('who retook Palmyra').status).toBe('answered');

    const rebuilt = join(folder, readdirSync(folder).find((f) => f.endsWith('.vseg'))!);
    const bytes = readFileSync(rebuilt);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(rebuilt, bytes);
    const afterFlip = await open(BUNDLED_CORPUS, cache);
    expect(afterFlip.kinds).toEqual(['discarded', 'built']);
    expect(afterFlip.events[0]).toMatchObject({ reason: expect.stringMatching(/checksum/) });

    writeFileSync(join(folder, 'manifest.json'), 'not an index');
    expect((await open(BUNDLED_CORPUS, cache)).kinds).toEqual(['discarded', 'built']);
    expect((await open(BUNDLED_CORPUS, cache)).kinds).toEqual(['loaded']);
  });

  it('refuses a segment file moved to another corpus\'s folder, and serves the right answers', async () => {
    const cache = tempDir();
    const a = corpusFolder({ 'a.md': article(validFields(1), 'The lighthouse keeper rowed to the island.\n') });
    const b = corpusFolder({ 'b.md': article(validFields(2), 'The baker walked to the market.\n') });
    cleanups.push(a.remove, b.remove);
    const folderA = ((await open(a.dir, cache)).events[0] as { path: string }).path;
    const folderB = ((await open(b.dir, cache)).events[0] as { path: string }).path;
    const segmentOf = (folder: string) => join(folder, readdirSync(folder).find((f) => f.endsWith('.vseg'))!);
    writeFileSync(segmentOf(folderB), readFileSync(segmentOf(folderA)));
    const reopened = await open(b.dir, cache);
    expect(reopened.kinds).toEqual(['discarded', 'built']);
    expect(reopened.events[0]).toMatchObject({ reason: expect.stringMatching(/another corpus/) });
    expect(reopened.verbatim.ask('who walked to the market').answers[0]!.quote).toBe('The baker walked to the market.');
  });

  it('serves from memory when the cache folder cannot be written, with one event and no file left behind', async () => {
    const parent = tempDir();
    // A file where the folder should be: mkdir and every write fail (as on a read-only or full disk).
    const notAFolder = join(parent, 'cache');
    writeFileSync(notAFolder, 'a file');
    for (const cacheDir of [notAFolder, join(notAFolder, 'index')]) {
      const opened = await open(BUNDLED_CORPUS, cacheDir);
      expect(opened.kinds).toEqual(['not-saved']);
      expect(opened.events[0]).toMatchObject({ reason: expect.stringMatching(/^E[A-Z]+$/) });
      expect(opened.verbatim.ask('who retook Palmyra').status).toBe('answered');
    }
    expect(readdirSync(parent)).toEqual(['cache']);
  });

  it('keeps the live indexes of only the newest few corpus folders in the cache folder', async () => {
    const cache = tempDir();
    for (let n = 0; n < 5; n++) {
      const folder = corpusFolder({ 'a.md': article(validFields(1), `Version ${n} of the article.\n`) });
      cleanups.push(folder.remove);
      expect((await open(folder.dir, cache)).kinds).toEqual(['built']);
    }
    expect(readdirSync(cache).filter((f) => /^[0-9a-f]{32}$/.test(f))).toHaveLength(KEEP_INDEX_FOLDERS);
  });
});
