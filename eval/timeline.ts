/**
 * The timeline section of the evaluation: Verbatim's /timeline summary on Timeline17 against
 * random dates and PubCount, in one run. Standalone: `npx tsx eval/timeline.ts [--oracle]
 * [--per-timeline]`; `npm run eval` prints the same table.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { averageScores, scoreTimeline, type TlsScores } from './tls/metrics.js';
import { collectionNames, loadCollection, t17Available, tasksOf, type Task, T17_DIR } from './tls/t17.js';
import { everyEvent, oracleDates, pubCount, randomDates, verbatimTimeline, type TimelineSystem } from './tls/systems.js';

const RANDOM_SEEDS = [1, 2, 3, 4, 5];

export const TIMELINE_TABLE_HEAD = ['| system | AR-1 F | AR-2 F | concat R-1 F | concat R-2 F | Date F1 | dates out / asked |', '|---|---:|---:|---:|---:|---:|---:|'];

const f3 = (x: number) => x.toFixed(3);

function row(name: string, s: TlsScores, datesOut: number, datesAsked: number): string {
  return `| ${name} | ${f3(s.ar1.f)} | ${f3(s.ar2.f)} | ${f3(s.concat1.f)} | ${f3(s.concat2.f)} | ${f3(s.date.f)} | ${datesOut} / ${datesAsked} |`;
}

interface Run {
  scores: TlsScores[];
  datesOut: number;
}

function runSystem(tasks: Task[], system: TimelineSystem): Run {
  let datesOut = 0;
  const scores = tasks.map((task) => {
    const predicted = system(task);
    datesOut += predicted.size;
    return scoreTimeline(predicted, task.reference);
  });
  return { scores, datesOut };
}

/** Scores of every system on every reference timeline, as table lines (or a note when T17 is absent). */
export function timelineEvaluation(options: { oracle?: boolean; perTimeline?: boolean } = {}): string[] {
  if (!t17Available()) return [`Timeline17 not found at ${T17_DIR}: timeline evaluation skipped.`];
  const tasks = collectionNames().flatMap((name) => tasksOf(loadCollection(name)));
  const asked = tasks.reduce((n, t) => n + t.dates, 0);
  const lines = [`### Timeline17 tuning share: ${tasks.length} reference timelines (${new Set(tasks.map((t) => t.topic)).size} topics), standard setting`, '', ...TIMELINE_TABLE_HEAD];
  const verbatim = runSystem(tasks, verbatimTimeline);
  lines.push(row('**Verbatim**', averageScores(verbatim.scores), verbatim.datesOut, asked));
  const randomRuns = RANDOM_SEEDS.map((seed) => runSystem(tasks, randomDates(seed)));
  const randomAverage = averageScores(randomRuns.map((r) => averageScores(r.scores)));
  lines.push(row(`random dates (mean of ${RANDOM_SEEDS.length} seeds)`, randomAverage, Math.round(randomRuns.reduce((n, r) => n + r.datesOut, 0) / randomRuns.length), asked));
  const pub = runSystem(tasks, pubCount);
  lines.push(row('PubCount (most articles)', averageScores(pub.scores), pub.datesOut, asked));
  const all = runSystem(tasks, everyEvent);
  lines.push(row('every dated event (--all)', averageScores(all.scores), all.datesOut, asked));
  if (options.oracle) {
    const oracle = runSystem(tasks, oracleDates);
    lines.push(row('oracle dates (report choice only)', averageScores(oracle.scores), oracle.datesOut, asked));
  }
  if (options.perTimeline) {
    lines.push('', '| timeline | T | K | Verbatim AR-1 | Date F1 | PubCount AR-1 | Date F1 |', '|---|---:|---:|---:|---:|---:|---:|');
    tasks.forEach((t, i) => {
      const v = verbatim.scores[i]!;
      const p = pub.scores[i]!;
      lines.push(`| ${t.collection} | ${t.dates} | ${t.perDate} | ${f3(v.ar1.f)} | ${f3(v.date.f)} | ${f3(p.ar1.f)} | ${f3(p.date.f)} |`);
    });
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const { values } = parseArgs({ options: { oracle: { type: 'boolean' }, 'per-timeline': { type: 'boolean' } } });
  for (const line of timelineEvaluation({ oracle: values.oracle, perTimeline: values['per-timeline'] })) console.log(line);
}
