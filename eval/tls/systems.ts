/** The timeline systems compared on Timeline17: Verbatim and the two baselines of the literature. */
import { timelineOf, type Timeline } from '../../src/core/timeline.js';
import { bestReports, dateEvidence, reportContext } from '../../src/core/keyDates.js';
import type { DatedQuote } from '../../src/core/datedQuotes.js';
import { documentRef } from '../../src/core/types.js';
import type { Tl } from './metrics.js';
import type { Task } from './t17.js';
import { addTo, groupBy } from '../../src/core/groups.js';

export type TimelineSystem = (task: Task) => Tl;

/** A timeline's day-precise events as the metrics read them: day → its representative quotes. */
function asTl(timeline: Timeline): Tl {
  const tl: Tl = new Map();
  for (const e of timeline.events) if (e.precision === 'day') addTo(tl, e.iso, e.quotes[0]!.quote);
  return tl;
}

export const verbatimTimeline: TimelineSystem = (task) => asTl(timelineOf(task.passages, task.dated, { dates: task.dates, perDate: task.perDate, from: task.from, to: task.to }));

/** The whole chronology (`--all`): every day-precise event, as /timeline gave it before summaries. */
export const everyEvent: TimelineSystem = (task) => asTl(timelineOf(task.passages, task.dated, { all: true, from: task.from, to: task.to }));

/** Day-precise quotes within the task's span, by day. */
function daysInSpan(task: Task): Map<string, DatedQuote[]> {
  return groupBy(
    task.dated.quotes.filter((q) => q.precision === 'day' && q.iso >= task.from && q.iso <= task.to),
    (q) => q.iso,
  );
}

/** The chosen days, each summarised by Verbatim's own report choice: baselines differ only in the dates. */
function summarise(task: Task, days: Map<string, DatedQuote[]>, chosen: string[]): Tl {
  // The quotes Verbatim's own summary weighs reports against: those whose period overlaps the span.
  const inSpan = task.dated.quotes.filter((q) => q.iso >= task.from.slice(0, q.iso.length) && q.iso <= task.to.slice(0, q.iso.length));
  const context = reportContext(inSpan, task.dated.leads);
  return new Map(chosen.map((iso) => [iso, bestReports(days.get(iso)!, task.perDate, context).map((g) => g[0]!.quote)]));
}

/** Mulberry32: a small seeded generator, so "random dates" is the same in every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random dates: T days drawn among those the articles state (mean of 5 draws is reported by running 5 seeds). */
export function randomDates(seed: number): TimelineSystem {
  return (task) => {
    const days = daysInSpan(task);
    const random = seeded(seed);
    const pool = [...days.keys()].sort();
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return summarise(task, days, pool.slice(0, task.dates));
  };
}

/** PubCount: the T days with most articles published (among days the articles state). */
export const pubCount: TimelineSystem = (task) => {
  const days = daysInSpan(task);
  const documents = [...new Map(task.passages.map((p) => [p.document.id, documentRef(p.document)])).values()];
  const published = new Map(dateEvidence(task.dated.quotes, documents).map((e) => [e.iso, e.counts.publishedThatDay]));
  const ranked = [...days.keys()].sort((a, b) => (published.get(b) ?? 0) - (published.get(a) ?? 0) || a.localeCompare(b));
  return summarise(task, days, ranked.slice(0, task.dates));
};

/** Oracle dates: the reference's own days (those the articles state), for the ceiling of report choice. */
export const oracleDates: TimelineSystem = (task) => {
  const days = daysInSpan(task);
  return summarise(task, days, [...task.reference.keys()].filter((d) => days.has(d)));
};
