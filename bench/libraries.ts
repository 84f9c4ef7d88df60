/**
 * npx tsx bench/libraries.ts [--libraries 1000] [--articles 50] [--questions 2000]
 * (npm run bench runs it too, as the "server libraries" table)
 *
 * Many servers' libraries in one SQLite database, on the bundled base, served under the bot's
 * default memory budget (LIBRARIES_MEMORY_MB): every library is asked once (its first answer
 * cold: its articles read from the database and analysed; the LRU lets the oldest go), then /ask
 * p50 / p99 over the libraries the LRU still holds warm, the process's RSS then, and 100 let go
 * asked again (loaded from their kept analyses).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LibraryStore } from '../src/store/libraryStore.js';
import { ServerLibraries } from '../src/store/serverLibraries.js';
import { storeSettings } from '../src/config.js';
import { buildInMemory } from '../src/core/verbatim.js';
import { BUNDLED_CORPUS } from '../src/corpusDir.js';
import { STOP_WORDS } from '../src/core/lexicon/stopwords.js';
import { brownTexts } from './sources.js';
import { percentile, random } from './measure.js';

export interface LibrariesRow {
  libraries: number;
  articlesEach: number;
  fillS: number;
  coldMs: [number, number];
  /** A library the LRU let go, asked again: loaded from its kept analyses. */
  reloadMs: [number, number];
  warm: number;
  askMs: [number, number];
  rssMB: number;
  budgetMB: number;
}

/** Short news-sized articles: two or three paragraphs of a Brown text each. */
function shortArticles(): { title: string; body: string }[] {
  return brownTexts().flatMap((t) => {
    const paragraphs = t.body.split('\n\n').filter((p) => p.length > 200);
    const out = [];
    for (let i = 0; i + 2 < paragraphs.length && out.length < 6; i += 3) out.push({ title: `${t.title}, part ${out.length + 1}`, body: paragraphs.slice(i, i + 3).join('\n\n') + '\n' });
    return out;
  });
}

export async function measureLibraries(cacheRoot: string, libraries = 1000, articlesEach = 50, questionCount = 2000): Promise<LibrariesRow> {
  const path = join(cacheRoot, 'libraries.sqlite');
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  const store = await LibraryStore.open({ sqlitePath: path }, { articles: articlesEach, bytes: 100_000_000, feeds: 10, keepDays: 30 });
  const pool = shortArticles();
  const next = random(24);
  const serverId = (n: number) => String(200000000000000000n + BigInt(n));
  console.error(`\n${libraries} server libraries × ${articlesEach} articles in SQLite (from ${pool.length} short Brown articles)…`);
  const filling = performance.now();
  for (let n = 0; n < libraries; n++) {
    for (let k = 0; k < articlesEach; k++) {
      const a = pool[Math.floor(next() * pool.length)]!;
      await store.addArticle(serverId(n), { title: a.title, outlet: `Outlet ${n % 17}`, url: `https://bench.verbatim.invalid/${n}/${k}`, published: '1961-05-01', path: `a${k}.md`, body: a.body });
    }
  }
  const fillS = (performance.now() - filling) / 1000;
  const base = buildInMemory(BUNDLED_CORPUS);
  const budgetBytes = storeSettings({}).librariesMemoryBytes;
  const serving = new ServerLibraries(store, () => base, budgetBytes);
  console.error(`  every library's first answer (cold), then questions to those still warm…`);
  const coldMs: number[] = [];
  const asked: { server: string; question: string }[] = [];
  for (let n = 0; n < libraries; n++) {
    const started = performance.now();
    const verbatim = await serving.verbatimFor(serverId(n));
    const p = verbatim.passages[Math.floor(next() * verbatim.passages.length)]!;
    const words = (p.document.body.slice(p.start, p.end).match(/\p{L}{4,}/gu) ?? ['nothing']).filter((w) => !STOP_WORDS.has(w.toLowerCase()));
    const question = Array.from({ length: 3 }, () => words[Math.floor(next() * words.length)] ?? 'nothing').join(' ');
    verbatim.ask(question);
    coldMs.push(performance.now() - started);
    asked.push({ server: serverId(n), question });
  }
  // The libraries the LRU still holds: the most recently asked.
  const warm = asked.slice(-serving.loadedCount);
  const times: number[] = [];
  for (let q = 0; q < questionCount; q++) {
    const { server, question } = warm[Math.floor(next() * warm.length)]!;
    const started = performance.now();
    (await serving.verbatimFor(server)).ask(question);
    times.push(performance.now() - started);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const rssMB = process.memoryUsage().rss / 1e6;
  // Libraries the LRU let go, asked again: their articles' analyses were kept at the first load.
  const reloadMs: number[] = [];
  for (const { server, question } of asked.slice(0, Math.min(100, asked.length - warm.length))) {
    const started = performance.now();
    (await serving.verbatimFor(server)).ask(question);
    reloadMs.push(performance.now() - started);
  }
  await store.close();
  return { libraries, articlesEach, fillS, coldMs: [percentile(coldMs, 50), percentile(coldMs, 99)], reloadMs: [percentile(reloadMs, 50), percentile(reloadMs, 99)], warm: serving.loadedCount, askMs: [percentile(times, 50), percentile(times, 99)], rssMB, budgetMB: budgetBytes / 2 ** 20 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { libraries: { type: 'string', default: '1000' }, articles: { type: 'string', default: '50' }, questions: { type: 'string', default: '2000' } } });
  console.log(JSON.stringify(await measureLibraries('bench/.cache', Number(values.libraries), Number(values.articles), Number(values.questions)), null, 1));
}
