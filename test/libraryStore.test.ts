import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { LibraryRefused, LibraryStore, type Quotas } from '../src/store/libraryStore.js';
import { exportLibrary, importFeeds, importFolder } from '../src/store/importExport.js';
import { loadCorpus } from '../src/core/corpus.js';
import { BUNDLED_CORPUS } from '../src/corpusDir.js';
import type { Document } from '../src/core/types.js';
import { startPostgres, type RunningPostgres } from './helpers/postgres.js';
import { compiled, runAsync, type RunResult } from './helpers/run.js';
import { pathToFileURL } from 'node:url';

const QUOTAS: Quotas = { articles: 5, bytes: 200_000, feeds: 2, keepDays: 30 };

const article = (n: number, extra: Partial<Document> = {}): Omit<Document, 'id'> => ({
  title: `Article ${n}`,
  outlet: 'The Daily Test',
  url: `https://news.example/${n}`,
  published: '2024-05-02',
  path: `article-${n}.md`,
  body: `The council met for the ${n}th time on Tuesday.\n`,
  ...extra,
});

const scratch = mkdtempSync(join(tmpdir(), 'verbatim-store-'));
// A real PostgreSQL of the test's own, started before the suites are collected (they skip, saying why, only where the machine has none).
const postgres = await startPostgres();
if ('unavailable' in postgres) console.warn(`PostgreSQL suite skipped: ${postgres.unavailable}`);
let databases = 0;
/** The PostgreSQL database freshStore made last. */
let currentUrl = '';

afterAll(() => {
  if (postgres && 'stop' in postgres) postgres.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** A store on a database of its own: a new SQLite file, or a new database on the test's PostgreSQL. */
async function freshStore(engine: 'sqlite' | 'postgres', quotas = QUOTAS): Promise<LibraryStore> {
  const name = `store_${process.pid}_${databases++}`;
  if (engine === 'sqlite') return LibraryStore.open({ sqlitePath: join(scratch, `${name}.sqlite`) }, quotas);
  const server = postgres as RunningPostgres;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  currentUrl = server.url.replace(/\/postgres$/, `/${name}`);
  return LibraryStore.open({ databaseUrl: currentUrl, sqlitePath: '' }, quotas);
}

/** Adds articles n..n+count-1 to library 111 from another process (compiled code, as a second bot process would run). */
function addFromAnotherProcess(location: { sqlitePath: string }, from: number, count: number): Promise<RunResult> {
  const script = `
    const { LibraryStore } = await import(${JSON.stringify(pathToFileURL(join(process.cwd(), compiled('src/store/libraryStore.ts'))).href)});
    const store = await LibraryStore.open(${JSON.stringify(location)}, ${JSON.stringify(QUOTAS)});
    const outcomes = await Promise.all(Array.from({ length: ${count} }, (_, k) => store.addArticle('111', {
      title: 'Article ' + (${from} + k), outlet: 'The Daily Test', url: 'https://news.example/' + (${from} + k), published: '2024-05-02',
      path: 'article-' + (${from} + k) + '.md', body: 'The council met on Tuesday.\\n' }).then(() => 'added', (e) => e.name)));
    await store.close();
    console.log(JSON.stringify(outcomes));`;
  return runAsync(process.execPath, ['--input-type=module', '-e', script], process.env);
}

describe.each(['sqlite', 'postgres'] as const)('library storage on %s', (engine) => {
  const unavailable = () => engine === 'postgres' && 'unavailable' in postgres;

  it.skipIf(unavailable())('keeps each server\'s articles, feeds and settings apart', async () => {
    const store = await freshStore(engine);
    try {
      await store.addArticle('111', article(1));
      await store.addArticle('222', article(2));
      // The same file name and link in another server's library is that server's own article.
      await store.addArticle('222', article(1));
      await store.followFeed('111', 'https://news.example/rss', 'News');
      await store.updateSettings('222', { announceChannelId: '999', searchBase: false });
      expect((await store.documents('111')).map((d) => d.path)).toEqual(['article-1.md']);
      expect((await store.documents('222')).map((d) => d.path)).toEqual(['article-1.md', 'article-2.md']);
      expect(await store.feeds('222')).toEqual([]);
      expect(await store.settings('111')).toEqual({ announceChannelId: null, searchBase: true, managerRoleId: null });
      expect(await store.settings('222')).toEqual({ announceChannelId: '999', searchBase: false, managerRoleId: null });
      const [doc] = await store.documents('111');
      expect(doc).toEqual({ id: 'article-1', ...article(1) });
    } finally {
      await store.close();
    }
  });

  it.skipIf(unavailable())('refuses what a full library cannot take, with a clear message, and writes nothing', async () => {
    const store = await freshStore(engine);
    try {
      for (let n = 1; n <= 5; n++) await store.addArticle('111', article(n));
      await expect(store.addArticle('111', article(6))).rejects.toThrow(/holds its most articles \(5\)/);
      await expect(store.addArticle('222', article(7, { body: 'x'.repeat(250_000) }))).rejects.toThrow(/most text/);
      await expect(store.addArticle('111', article(1, { path: 'other.md' }))).rejects.toThrow(/already has that article \(article-1.md\)/);
      await store.followFeed('111', 'https://a.example/rss', null);
      await store.followFeed('111', 'https://b.example/rss', null);
      await expect(store.followFeed('111', 'https://c.example/rss', null)).rejects.toThrow(LibraryRefused);
      expect(await store.usage('111')).toMatchObject({ articles: 5, feeds: 2 });
      expect(await store.usage('222')).toEqual({ articles: 0, bytes: 0, feeds: 0 });
    } finally {
      await store.close();
    }
  });

  it.skipIf(unavailable())('holds the quota when many adds arrive at once (on PostgreSQL from two stores, as two processes)', async () => {
    const first = await freshStore(engine);
    // On PostgreSQL a second store on the same database, as a second process or host would open
    // it. A second SQLite connection in this one thread would wait on the first while holding the
    // thread (better-sqlite3 is synchronous): there, one store, whose writes queue on its connection.
    const second = engine === 'sqlite' ? first : await LibraryStore.open({ databaseUrl: currentUrl, sqlitePath: '' }, QUOTAS);
    try {
      await first.ensureLibrary('111');
      const adds = Array.from({ length: 40 }, (_, n) => (n % 2 ? first : second).addArticle('111', article(n + 1)).then(() => 'added', (e: Error) => e.name));
      const outcomes = await Promise.all(adds);
      expect(outcomes.filter((o) => o === 'added')).toHaveLength(5);
      expect(outcomes.filter((o) => o === 'LibraryRefused')).toHaveLength(35);
      expect((await first.usage('111')).articles).toBe(5);
    } finally {
      await first.close();
      if (second !== first) await second.close();
    }
  });

  it.skipIf(unavailable())('remembers a feed\'s items and validators, and forgets a removed server after its days', async () => {
    const store = await freshStore(engine);
    try {
      await store.followFeed('111', 'https://news.example/rss', 'News');
      const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
      await store.markSeen('111', 'https://news.example/rss', ['a', 'b']);
      await tick();
      await store.markSeen('111', 'https://news.example/rss', ['b', 'c']);
      expect([...(await store.seenItems('111', 'https://news.example/rss', ['a', 'c', 'd']))].sort()).toEqual(['a', 'c']);
      // Only the most recently seen are kept ("b" was seen again): the table grows with a feed's length, not its history.
      await tick();
      await store.markSeen('111', 'https://news.example/rss', ['d', 'e'], 3);
      expect([...(await store.seenItems('111', 'https://news.example/rss', ['a', 'b', 'c', 'd', 'e']))].sort()).toEqual(['b', 'd', 'e']);
      await store.saveValidators('111', 'https://news.example/rss', '"v1"', null);
      expect((await store.feeds('111'))[0]).toMatchObject({ etag: '"v1"', lastModified: null });
      await store.addArticle('111', article(1));
      await store.markRemoved('111', new Date('2026-01-01T00:00:00Z'));
      expect(await store.purgeRemoved(new Date('2026-01-20T00:00:00Z'))).toEqual([]);
      expect(await store.purgeRemoved(new Date('2026-02-01T00:00:00Z'))).toEqual(['111']);
      expect(await store.documents('111')).toEqual([]);
      expect(await store.feeds('111')).toEqual([]);
      // A server that comes back before its days are up keeps its library.
      await store.addArticle('222', article(2));
      await store.markRemoved('222', new Date('2026-01-01T00:00:00Z'));
      await store.ensureLibrary('222');
      expect(await store.purgeRemoved(new Date('2026-03-01T00:00:00Z'))).toEqual([]);
      expect(await store.documents('222')).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it.skipIf(unavailable())('imports today\'s corpus folder and feeds.json, and exports Markdown that loads as the same articles', async () => {
    const store = await freshStore(engine, { ...QUOTAS, articles: 100, bytes: 10_000_000 });
    try {
      const imported = await importFolder(store, '111', BUNDLED_CORPUS);
      const seeds = loadCorpus(BUNDLED_CORPUS).documents;
      expect(imported).toEqual({ articles: seeds.length, feeds: 0, skipped: [] });
      const feedsFile = join(scratch, `feeds-${engine}.json`);
      writeFileSync(feedsFile, JSON.stringify({ feeds: [{ url: 'https://news.example/rss', title: 'News', etag: '"e"', seen: ['https://news.example/1', 'https://news.example/2'] }] }));
      expect(await importFeeds(store, '111', feedsFile)).toMatchObject({ feeds: 1, skipped: [] });
      expect((await store.seenItems('111', 'https://news.example/rss', ['https://news.example/2'])).size).toBe(1);
      const out = join(scratch, `export-${engine}`);
      expect(await exportLibrary(store, '111', out)).toBe(seeds.length);
      expect(loadCorpus(out).documents.map(({ path, title, outlet, url, published, author, body }) => ({ path, title, outlet, url, published, author, body }))).toEqual(
        seeds.map(({ path, title, outlet, url, published, author, body }) => ({ path, title, outlet, url, published, author, body })),
      );
      // Nothing lost on a second import: every article is already there, and says so.
      const again = await importFolder(store, '111', BUNDLED_CORPUS);
      expect(again.articles).toBe(0);
      expect(again.skipped).toHaveLength(seeds.length);
      await expect(exportLibrary(store, '111', out)).rejects.toThrow(/not empty/);
    } finally {
      await store.close();
    }
  });
});

describe('library storage on SQLite shared by two processes', () => {
  it('holds the quota when two processes add to one SQLite file at once', async () => {
    const path = join(scratch, `two-processes-${process.pid}.sqlite`);
    const store = await LibraryStore.open({ sqlitePath: path }, QUOTAS);
    try {
      await store.ensureLibrary('111');
      const [other, mine] = await Promise.all([
        addFromAnotherProcess({ sqlitePath: path }, 100, 20),
        Promise.all(Array.from({ length: 20 }, (_, n) => store.addArticle('111', article(n + 1)).then(() => 'added', (e: Error) => e.name))),
      ]);
      expect(other.status, other.stderr).toBe(0);
      const outcomes = [...(JSON.parse(other.stdout) as string[]), ...mine];
      expect(outcomes.filter((o) => o === 'added')).toHaveLength(5);
      expect(outcomes.filter((o) => o !== 'added' && o !== 'LibraryRefused')).toEqual([]);
      expect((await store.usage('111')).articles).toBe(5);
    } finally {
      await store.close();
    }
  });
});
