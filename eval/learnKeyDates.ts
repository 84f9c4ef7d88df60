/**
 * npx tsx eval/learnKeyDates.ts
 *
 * Learns /timeline's two sets of weights on the Timeline17 tuning share (../shared/eval/t17):
 * which dates are key dates (logistic regression: is the day in the journalists' timeline?) and
 * which quotes summarise a date (least squares on each quote's ROUGE-1 F1 against the
 * journalists' sentences of that date). Each is checked first by leave-one-topic-out (learned on
 * three topics, scored on the fourth), then learned on all four: the date weights are printed
 * (KEY_DATE_WEIGHTS stays set by hand, see keyDates.ts), the report weights written to
 * src/core/learnedWeights.json.
 */
import { documentRef } from '../src/core/types.js';
import { dateEvidence, KEY_DATE_FEATURES, KEY_DATE_WEIGHTS, REPORT_FEATURES, REPORT_WEIGHTS, reportContext, reportFeatures, scaledFeatures } from '../src/core/keyDates.js';
import { adam, columnScales, rounded, saveLearned, standardised } from './learning.js';
import { rougeF1 } from './tls/metrics.js';
import { groupBy } from '../src/core/groups.js';
import { collectionNames, loadCollection, t17Available, tasksOf, type Task } from './tls/t17.js';

interface Example {
  topic: string;
  task: number;
  /** The date the example belongs to, within its task. */
  iso: string;
  features: number[];
  target: number;
}

function dateExamples(tasks: Task[]): Example[] {
  return tasks.flatMap((task, t) => {
    const documents = [...new Map(task.passages.map((p) => [p.document.id, documentRef(p.document)])).values()];
    const quotes = task.dated.quotes.filter((q) => q.iso >= task.from && q.iso <= task.to);
    const candidates = dateEvidence(quotes, documents);
    const features = scaledFeatures(candidates);
    return candidates.map((c, i) => ({ topic: task.topic, task: t, features: features[i]!, iso: c.iso, target: task.reference.has(c.iso) ? 1 : 0 }));
  });
}

function reportExamples(tasks: Task[]): Example[] {
  return tasks.flatMap((task, t) => {
    const quotes = task.dated.quotes.filter((q) => q.iso >= task.from && q.iso <= task.to);
    const context = reportContext(quotes, task.dated.leads);
    const byDay = groupBy(
      quotes.filter((q) => q.precision === 'day' && task.reference.has(q.iso)),
      (q) => q.iso,
    );
    return [...byDay].flatMap(([iso, dayQuotes]) => {
      const features = reportFeatures(dayQuotes, context);
      return dayQuotes.map((q, i) => ({ topic: task.topic, task: t, iso, features: features[i]!, target: rougeF1([q.quote], task.reference.get(iso)!, 1) }));
    });
  });
}

/** Weights in the features' own units (so the core can use raw features), from standardised training. */
function fit(examples: Example[], width: number, kind: 'logistic' | 'squares'): number[] {
  const scales = columnScales(examples.map((e) => e.features), width);
  const rows = examples.map((e) => standardised(e.features, scales));
  const optimiser = adam(width + 1, 0.05);
  for (let epoch = 1; epoch <= 400; epoch++) {
    const gradient = new Array<number>(width + 1).fill(0);
    rows.forEach((x, i) => {
      const z = x.reduce((s, v, k) => s + v * optimiser.weights[k]!, optimiser.weights[width]!);
      const predicted = kind === 'logistic' ? 1 / (1 + Math.exp(-z)) : z;
      const error = predicted - examples[i]!.target;
      x.forEach((v, k) => (gradient[k]! += (error * v) / rows.length));
      gradient[width]! += error / rows.length;
    });
    for (let k = 0; k < width; k++) gradient[k]! += 0.001 * optimiser.weights[k]!;
    optimiser.step(gradient, epoch);
  }
  return optimiser.weights.slice(0, width).map((w, k) => w / scales.sd[k]!);
}

const current = (names: readonly string[], weights: Record<string, number>) => names.map((n) => weights[n]!);
const score = (features: number[], weights: number[]) => features.reduce((s, v, k) => s + v * weights[k]!, 0);

/** Date F1 when each task keeps its T best-scored candidates. */
function dateF1(examples: Example[], tasks: Task[], weights: number[]): number {
  let total = 0;
  let counted = 0;
  tasks.forEach((task, t) => {
    const mine = examples.filter((e) => e.task === t);
    if (mine.length === 0) return;
    const kept = [...mine].sort((a, b) => score(b.features, weights) - score(a.features, weights)).slice(0, task.dates);
    const hits = kept.filter((e) => e.target === 1).length;
    const p = hits / kept.length;
    const r = hits / task.reference.size;
    total += p + r === 0 ? 0 : (2 * p * r) / (p + r);
    counted++;
  });
  return total / counted;
}

/** Mean ROUGE-1 F1 of the best-scored quote of each reference date. */
function firstQuoteF1(examples: Example[], weights: number[]): number {
  const byDate = groupBy(examples, (e) => `${e.task}:${e.iso}`);
  let total = 0;
  for (const group of byDate.values()) total += [...group].sort((a, b) => score(b.features, weights) - score(a.features, weights))[0]!.target;
  return total / byDate.size;
}

if (!t17Available()) {
  console.log('Timeline17 not found (../shared/eval/t17): nothing to learn from.');
  process.exit(0);
}
const tasks = collectionNames().flatMap((name) => tasksOf(loadCollection(name)));
const topics = [...new Set(tasks.map((t) => t.topic))];
const dates = dateExamples(tasks);
const reports = reportExamples(tasks);

console.log(`${dates.length} candidate dates (${dates.filter((d) => d.target === 1).length} key), ${reports.length} quotes of reference dates, ${tasks.length} timelines, topics ${topics.join(', ')}`);
for (const topic of topics) {
  const held = (e: Example) => e.topic === topic;
  const dw = fit(dates.filter((e) => !held(e)), KEY_DATE_FEATURES.length, 'logistic');
  const rw = fit(reports.filter((e) => !held(e)), REPORT_FEATURES.length, 'squares');
  const heldDates = dates.filter(held);
  const heldReports = reports.filter(held);
  console.log(
    `held out ${topic}: date F1 ${dateF1(heldDates, tasks, dw).toFixed(3)} (now ${dateF1(heldDates, tasks, current(KEY_DATE_FEATURES, KEY_DATE_WEIGHTS)).toFixed(3)}); ` +
      `first-quote ROUGE-1 ${firstQuoteF1(heldReports, rw).toFixed(3)} (now ${firstQuoteF1(heldReports, current(REPORT_FEATURES, REPORT_WEIGHTS)).toFixed(3)})`,
  );
}
const dateWeights = fit(dates, KEY_DATE_FEATURES.length, 'logistic');
const reportWeights = fit(reports, REPORT_FEATURES.length, 'squares');
const asRecord = (names: readonly string[], weights: number[]) => `{ ${names.map((n, i) => `${n}: ${weights[i]!.toFixed(3)}`).join(', ')} }`;
console.log(`KEY_DATE_WEIGHTS = ${asRecord(KEY_DATE_FEATURES, dateWeights)}`);
console.log(`REPORT_WEIGHTS = ${asRecord(REPORT_FEATURES, reportWeights)}`);
saveLearned('reportWeights', Object.fromEntries(REPORT_FEATURES.map((n, i) => [n, rounded(reportWeights[i]!)])) as Record<(typeof REPORT_FEATURES)[number], number>);
