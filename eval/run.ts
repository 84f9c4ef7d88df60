/**
 * npm run eval [-- --sets seeds,seeds-heldout,squad-tune,squad-heldout] [--systems verbatim,wink,minisearch,lucene]
 *               [--misses N] [--no-timeline (also Find sources on T17)] [--out eval/results.md]
 *
 * For each set, in one run on the same passages: Verbatim, the plain wink-bm25 baseline,
 * minisearch and (when Java and Lucene 8 are installed) the Elasticsearch-style Lucene peer.
 * Then /timeline on Timeline17 (../shared/eval/t17, skipped with a note when absent) against
 * random dates and PubCount (eval/timeline.ts).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { buildInMemory, type Verbatim } from '../src/core/verbatim.js';
import { evaluateSet, formatRow, TABLE_HEAD, type Answerer, type Evaluation } from './metrics.js';
import { loadSet, SET_NAMES, type SetName } from './sets.js';
import { luceneAnswers, luceneUnavailable, minisearchAnswerer, verbatimAnswerer, winkBaselineAnswerer } from './systems.js';
import { timelineEvaluation } from './timeline.js';
import { sourcesForEvaluation } from './sourcesFor.js';

const { values } = parseArgs({
  options: {
    sets: { type: 'string', default: SET_NAMES.join(',') },
    systems: { type: 'string', default: 'verbatim,wink,minisearch,lucene' },
    misses: { type: 'string', default: '0' },
    out: { type: 'string' },
    'no-timeline': { type: 'boolean' },
  },
});
const sets = values.sets!.split(',') as SetName[];
const systems = new Set(values.systems!.split(','));
for (const name of sets) if (!SET_NAMES.includes(name)) throw new Error(`unknown set ${name}; sets: ${SET_NAMES.join(', ')}`);

const opened = new Map<string, Verbatim>();
const open = (dir: string) => {
  let verbatim = opened.get(dir);
  if (!verbatim) opened.set(dir, (verbatim = buildInMemory(dir)));
  return verbatim;
};

const lucene = systems.has('lucene') ? luceneUnavailable() : 'not asked for';
const out: string[] = [`Evaluation, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`, ''];
const print = (line = '') => {
  console.log(line);
  out.push(line);
};
if (lucene && systems.has('lucene')) print(`Lucene peer skipped: ${lucene}.\n`);

for (const name of sets) {
  const set = loadSet(name);
  const verbatim = open(set.corpus);
  const rows: [string, Evaluation][] = [];
  const run = (system: string, answerer: Answerer) => rows.push([system, evaluateSet(set, answerer)]);
  if (systems.has('verbatim')) run('Verbatim', verbatimAnswerer(verbatim));
  if (systems.has('wink')) run('wink-bm25 baseline', winkBaselineAnswerer(verbatim.passages));
  if (systems.has('minisearch')) run('minisearch', minisearchAnswerer(verbatim.passages));
  if (systems.has('lucene') && !lucene) {
    const answers = luceneAnswers(set.corpus, [...set.questions.map((q) => q.q), ...set.offTopic]);
    run('Lucene peer (ES-style)', (q) => answers.get(q) ?? []);
  }
  print(`### ${set.name}${set.heldOut ? ' (held out: never tuned on)' : ' (tuning)'}: ${set.questions.length} questions, ${set.offTopic.length} off-topic, ${verbatim.passages.length} passages`);
  print();
  for (const line of TABLE_HEAD) print(line);
  for (const [system, e] of rows) print(formatRow(system, e.scores));
  print();
  const verbatimRun = rows.find(([system]) => system === 'Verbatim')?.[1];
  const shown = Number(values.misses);
  if (verbatimRun && shown > 0) {
    for (const m of verbatimRun.misses.slice(0, shown)) print(`  miss: ${m.q} → rank ${m.rank ?? 'none'}; want ${JSON.stringify(m.expect)}; first: ${m.first?.slice(0, 160) ?? '(no answer)'}`);
    if (verbatimRun.falseAnswers.length > 0) print(`  answered off-topic: ${verbatimRun.falseAnswers.join('; ')}`);
    print();
  }
}
if (!values['no-timeline']) {
  for (const line of timelineEvaluation()) print(line);
  print();
  for (const line of sourcesForEvaluation()) print(line);
  print();
}
if (values.out) writeFileSync(values.out, out.join('\n') + '\n');
