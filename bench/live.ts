/**
 * npx tsx bench/live.ts [--queries 300] [--adds 19] [--one-by-one 1000]   (npm run bench runs it too, as the "live" table)
 *
 * The live index on the Brown corpus (3,000 articles): how long one article takes to be added and
 * searchable, and to be removed; the longest event-loop stalls meanwhile (monitorEventLoopDelay);
 * /ask over one big segment and ten small ones (19 adds: one merged level-1 segment and nine
 * level-0 ones) against one segment; a cached start from those segments against one. Then 1,000
 * articles added one by one to the 100k-passage corpus, against a full build.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchCorpus, brownCorpus } from './corpora.js';
import { brownTexts } from './sources.js';
import { openWithCache, type Verbatim } from '../src/core/verbatim.js';
import { formatArticle } from '../src/core/frontMatter.js';
import { makeQueries, percentile } from './measure.js';

export interface LiveRow {
  articles: number;
  passages: number;
  addMs: [number, number];
  removeMs: [number, number];
  stallMs: [number, number];
  askSingle: number;
  askSegmented: number;
  segments: number;
  startSingleS: number;
  startSegmentedS: number;
}

const questions = (verbatim: Verbatim, count: number) => makeQueries(verbatim, count, 20261204);

function askP50(verbatim: Verbatim, asked: string[]): number {
  for (const q of asked.slice(0, 50)) verbatim.ask(q);
  const times = asked.map((q) => {
    const started = performance.now();
    verbatim.ask(q);
    return performance.now() - started;
  });
  return percentile(times, 50);
}

export async function measureLive(root: string, cacheRoot: string, queryCount = 300, adds = 19): Promise<LiveRow> {
  // A copy of the Brown corpus that articles are written into and deleted from, as /add and a feed do.
  const source = brownCorpus(root).dir;
  const dir = join(root, 'brown-live');
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true });
  const cache = join(cacheRoot, 'live');
  rmSync(cache, { recursive: true, force: true });
  console.error('\nlive index on the Brown corpus: building one segment…');
  await openWithCache(dir, { cacheDir: cache });
  const startedSingle = performance.now();
  let verbatim = await openWithCache(dir, { cacheDir: cache });
  const startSingleS = (performance.now() - startedSingle) / 1000;
  const asked = questions(verbatim, queryCount);
  const askSingle = Math.min(askP50(verbatim, asked), askP50(verbatim, asked));
  // As the bot does after start: WordNet and the analyser's first run, read in steps.
  await verbatim.prepareForChanges();
  (globalThis as { gc?: () => void }).gc?.();

  console.error(`  ${adds} articles added one at a time (each file written, then only it read), then removed…`);
  const adding = monitorEventLoopDelay({ resolution: 5 });
  adding.enable();
  // A timer keeps the loop turning, as a bot's gateway does: the delay is what one event waits.
  const ticker = setInterval(() => {}, 5);
  const addMs: number[] = [];
  const removeMs: number[] = [];
  const documents = verbatim.corpus.documents;
  const sample = documents.filter((_, i) => i % Math.floor(documents.length / adds) === 0).slice(0, adds);
  const added: string[] = [];
  for (const [n, d] of sample.entries()) {
    const name = `live-${n}-${d.path}`;
    writeFileSync(join(dir, name), formatArticle({ title: `${d.title} (live ${n})`, outlet: d.outlet, url: `${d.url}?live=${n}`, published: d.published }, d.body));
    const started = performance.now();
    const next = await verbatim.updateFiles([name]);
    // Searchable: asked, the new article's first sentence finds it.
    const first = next.verbatim.passages.find((p) => p.document.path === name)!;
    next.verbatim.ask(first.document.body.slice(first.sentences[0]!.start, first.sentences[0]!.end).slice(0, 200));
    addMs.push(performance.now() - started);
    verbatim = next.verbatim;
    added.push(name);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  adding.disable();
  const segments = countSegments(cache);
  const askSegmented = Math.min(askP50(verbatim, asked), askP50(verbatim, asked));
  const startedSegmented = performance.now();
  await openWithCache(dir, { cacheDir: cache });
  const startSegmentedS = (performance.now() - startedSegmented) / 1000;
  const removing = monitorEventLoopDelay({ resolution: 5 });
  removing.enable();
  for (const name of added) {
    rmSync(join(dir, name));
    const started = performance.now();
    verbatim = (await verbatim.updateFiles([name])).verbatim;
    removeMs.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  clearInterval(ticker);
  removing.disable();
  // The loop's delay while articles came and went (not while this script timed questions or a start).
  const stall: [number, number] = [Math.max(adding.percentile(99), removing.percentile(99)) / 1e6, Math.max(adding.max, removing.max) / 1e6];
  return {
    articles: documents.length,
    passages: verbatim.passages.length,
    addMs: [percentile(addMs, 50), Math.max(...addMs)],
    removeMs: [percentile(removeMs, 50), Math.max(...removeMs)],
    stallMs: stall,
    askSingle,
    askSegmented,
    segments,
    startSingleS,
    startSegmentedS,
  };
}

export interface EquivalenceRow {
  startArticles: number;
  added: number;
  passages: number;
  asked: number;
  same: number;
  addS: number;
}

/**
 * Adds articles one at a time to the 100k-passage corpus (each file written, then only it read,
 * merges as they come), then asks the same questions of a full build of the final folder. The new
 * files sort after the old ones, so both number the passages alike and ties break alike.
 */
export async function measureAddedOneByOne(root: string, cacheRoot: string, adds = 1000, queryCount = 300): Promise<EquivalenceRow> {
  const source = benchCorpus(root, 100_000).dir;
  const dir = join(root, '100k-live');
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true });
  const cache = join(cacheRoot, '100k-live');
  rmSync(cache, { recursive: true, force: true });
  console.error(`\n${adds} articles added one by one to the 100k-passage corpus, then a full build to compare…`);
  let verbatim = await openWithCache(dir, { cacheDir: cache });
  await verbatim.prepareForChanges();
  const startArticles = verbatim.corpus.documents.length;
  const texts = brownTexts();
  const started = performance.now();
  let merging: Promise<Verbatim> | undefined;
  for (let n = 0; n < adds; n++) {
    const text = texts[n % texts.length]!;
    const name = `zz-live-${String(n).padStart(5, '0')}.md`;
    writeFileSync(join(dir, name), formatArticle({ title: `${text.title} (${n})`, outlet: text.outlet, url: `https://bench.verbatim.invalid/live/${n}`, published: text.published }, text.body));
    const update = await verbatim.updateFiles([name]);
    verbatim = update.verbatim;
    merging = update.merging ?? merging;
  }
  // The last merge may have ended before the last add: wait for it, then take the newest snapshot.
  if (merging) await merging;
  verbatim = (await verbatim.updateFiles([])).verbatim;
  const addS = (performance.now() - started) / 1000;
  const fresh = await openWithCache(dir, { cacheDir: join(cacheRoot, '100k-fresh') });
  const asked = questions(fresh, queryCount);
  const view = (v: Verbatim, q: string) => {
    const result = v.ask(q, { limit: 5 });
    return JSON.stringify([result.status, result.answers.map((a) => [a.quote, a.start, a.document.path, a.score, a.alsoReportedBy.map((b) => b.document.path)])]);
  };
  const same = asked.filter((q) => view(verbatim, q) === view(fresh, q)).length;
  rmSync(join(cacheRoot, '100k-fresh'), { recursive: true, force: true });
  return { startArticles, added: adds, passages: fresh.passages.length, asked: asked.length, same, addS };
}

/** Segment files in the cache's one live-index folder. */
function countSegments(cache: string): number {
  return readdirSync(cache, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.vseg')).length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { queries: { type: 'string', default: '300' }, adds: { type: 'string', default: '19' }, 'one-by-one': { type: 'string', default: '1000' } } });
  const row = await measureLive('bench/.corpora', 'bench/.cache', Number(values.queries), Number(values.adds));
  console.log(JSON.stringify(row, null, 1));
  const equivalence = await measureAddedOneByOne('bench/.corpora', 'bench/.cache', Number(values['one-by-one']), Number(values.queries));
  console.log(JSON.stringify(equivalence, null, 1));
}
