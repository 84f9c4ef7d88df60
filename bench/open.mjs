/**
 * One cold process, in compiled JavaScript as `npm start` runs: opens a corpus (from the persisted
 * index when present) and prints one JSON line: time from process start to ready, RSS, how the
 * index was obtained. Plain JavaScript so that neither it nor the build's workers start tsx.
 *   node bench/open.mjs --corpus DIR --cache DIR [--progress]
 */
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { openWithCache } from '../dist/src/core/verbatim.js';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, cache: { type: 'string' }, progress: { type: 'boolean' } } });
let event;
const bar = values.progress ? new SingleBar({ format: '  analysing {bar} {percentage}% | {value}/{total} articles', stream: process.stderr }, Presets.shades_classic) : undefined;
const verbatim = await openWithCache(values.corpus, {
  cacheDir: values.cache,
  onIndex: (e) => (event = e),
  onProgress: bar
    ? (done, total) => {
        if (done === 0) bar.start(total, 0);
        bar.update(done);
        if (done === total) bar.stop();
      }
    : undefined,
});
// Ready means able to answer: one question through the whole path.
verbatim.ask('state of the union');
const readyMs = process.uptime() * 1000;
console.log(JSON.stringify({ readyMs, rss: process.memoryUsage().rss, event, passages: verbatim.passages.length }));
