import { passagesOnTopic } from './ranking/paragraphs.js';
import type { FuzzyDate } from './dates.js';
import { pairFigures, type FigureDisagreement } from './figures.js';
import { mergeReportSteps, type DatedQuote, type DatedQuotes, type LeadSentence } from './datedQuotes.js';
import { runAtOnce, runInSteps, type Steps } from './steps.js';
import { groupBy } from './groups.js';
import { bestReports, rankDates, reportContext } from './keyDates.js';
import type { PassageIndex } from './searchIndex.js';
import { documentRef, type DocumentRef, type Passage, type VerbatimQuote } from './types.js';

export { datedQuotes, datedQuotesInSteps, type DatedQuotes } from './datedQuotes.js';

/** One dated happening: the first quote represents it, the others are the same report elsewhere. */
interface TimelineEvent extends FuzzyDate {
  quotes: VerbatimQuote[];
  /** Distinct outlets among the quotes. */
  outlets: number;
}

export interface Timeline {
  /** In date order: every dated event, or (a summary) the best reports of the key dates. */
  events: TimelineEvent[];
  /** Distinct dates among `events`. */
  dates: number;
  /** The whole chronology in scope, of which `events` may be a summary: its dates and events. */
  chronology: { dates: number; events: number };
  /** Every event of that chronology (the same as `events` when it is not a summary); see chronologyOf. */
  everyEvent: TimelineEvent[];
  /** Figures the outlets give differently for the same thing, side by side (undated; a topic narrows them). */
  differences: FigureDisagreement[];
  /** Sentences with no date that could be resolved: left out, never guessed. */
  undated: number;
}

/** The whole chronology a summary was chosen from (made with it: asking again with `all` would merge every report again). */
export function chronologyOf(timeline: Timeline): Timeline {
  return { ...timeline, events: timeline.everyEvent, dates: timeline.chronology.dates };
}

/** Key dates a summary shows unless asked otherwise: a channel post's worth. */
export const DEFAULT_KEY_DATES = 12;
/** Reports quoted for each key date unless asked otherwise. */
export const DEFAULT_REPORTS_PER_DATE = 2;
/** The most key dates or reports per date one may ask for. */
export const MAX_KEY_DATES = 100;
export const MAX_REPORTS_PER_DATE = 10;

export interface TimelineOptions {
  /** Keep only events whose sentence lies in a passage matching this topic (same rule as /ask). */
  topic?: string;
  /** ISO dates; an event is kept when its period (a day, month or year) overlaps [from, to]. */
  from?: string;
  to?: string;
  /** Every dated event instead of a summary of the key dates. */
  all?: boolean;
  /** How many key dates a summary shows (default DEFAULT_KEY_DATES). */
  dates?: number;
  /** How many reports a summary quotes for each key date (default DEFAULT_REPORTS_PER_DATE). */
  perDate?: number;
}

/** Period covered by a fuzzy date, as first and last ISO day. */
function period(date: FuzzyDate): [string, string] {
  if (date.precision === 'day') return [date.iso, date.iso];
  if (date.precision === 'month') {
    const [y, m] = date.iso.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [`${date.iso}-01`, `${date.iso}-${String(last).padStart(2, '0')}`];
  }
  return [`${date.iso}-01-01`, `${date.iso}-12-31`];
}

function eventOf(group: DatedQuote[]): TimelineEvent {
  return {
    iso: group[0]!.iso,
    precision: group[0]!.precision,
    quotes: group.map(({ quote, start, end, document }) => ({ quote, start, end, document })),
    outlets: new Set(group.map((q) => q.document.outlet)).size,
  };
}

/** Events in date order; within a date, in the order given. */
function inDateOrder(groups: DatedQuote[][]): TimelineEvent[] {
  return groups
    .map((group, rank) => ({ group, rank }))
    .sort((a, b) => a.group[0]!.iso.localeCompare(b.group[0]!.iso) || a.rank - b.rank)
    .map(({ group }) => eventOf(group));
}

const distinctDates = (events: readonly TimelineEvent[]) => new Set(events.map((e) => `${e.precision}:${e.iso}`)).size;

/**
 * The key dates among these quotes and the best reports of each. Days first, by salience (see
 * keyDates.ts); when fewer days than asked are stated, months and years fill the rest, those most
 * articles state first.
 */
function* summarySteps(quotes: readonly DatedQuote[], leads: readonly LeadSentence[], documents: readonly DocumentRef[], dates: number, perDate: number): Steps<DatedQuote[][]> {
  const days = rankDates(quotes, documents).slice(0, dates);
  yield;
  const context = reportContext(quotes, leads);
  const chosen: DatedQuote[][] = [];
  for (const day of days) {
    yield;
    chosen.push(...bestReports(day.quotes, perDate, context));
  }
  if (days.length < dates) {
    const coarse = groupBy(
      quotes.filter((q) => q.precision !== 'day'),
      (q) => `${q.precision}:${q.iso}`,
    );
    const articles = (same: DatedQuote[]) => new Set(same.map((q) => q.document.id)).size;
    const ranked = [...coarse.values()].sort((a, b) => articles(b) - articles(a) || b.length - a.length);
    for (const same of ranked.slice(0, dates - days.length)) chosen.push(...bestReports(same, perDate, context));
  }
  return chosen;
}

/** Each document of these passages once, as results show it. */
function documentsOf(passages: readonly Passage[]): DocumentRef[] {
  const seen = new Set<Passage['document']>();
  const documents: DocumentRef[] = [];
  for (const { document } of passages) {
    if (seen.has(document)) continue;
    seen.add(document);
    documents.push(documentRef(document));
  }
  return documents;
}

/**
 * The timeline of these passages' dated quotes: filtered by from/to, then either every event
 * (reports of one event by several outlets merged, see mergeReports) or a summary of the key dates.
 */
function* timelineSteps(passages: readonly Passage[], dated: DatedQuotes, options: TimelineOptions): Steps<Timeline> {
  let quotes = dated.quotes;
  if (options.from !== undefined || options.to !== undefined) {
    quotes = quotes.filter((q) => {
      const [first, last] = period(q);
      return (options.from === undefined || last >= options.from) && (options.to === undefined || first <= options.to);
    });
  }
  const everything = inDateOrder(yield* mergeReportSteps(quotes));
  const chronology = { dates: distinctDates(everything), events: everything.length };
  let events = everything;
  if (!options.all) {
    yield;
    const chosen = yield* summarySteps(quotes, dated.leads, documentsOf(passages), options.dates ?? DEFAULT_KEY_DATES, options.perDate ?? DEFAULT_REPORTS_PER_DATE);
    events = inDateOrder(chosen);
  }
  yield;
  return { events, dates: distinctDates(events), chronology, everyEvent: everything, differences: differencesIn(dated.figures), undated: dated.undated };
}

export function timelineOf(passages: readonly Passage[], dated: DatedQuotes, options: TimelineOptions = {}): Timeline {
  return runAtOnce(timelineSteps(passages, dated, options));
}

/** The dated quotes of the passages on `options.topic` (all of them without a topic). */
function inScope(index: PassageIndex, passages: readonly Passage[], dated: DatedQuotes, topic: string | undefined): [readonly Passage[], DatedQuotes] {
  if (topic === undefined) return [passages, dated];
  const onTopic = passagesOnTopic(index, topic);
  return [
    passages.filter((p) => onTopic.has(p)),
    {
      quotes: dated.quotes.filter((q) => onTopic.has(q.passage)),
      leads: dated.leads.filter((l) => onTopic.has(l.passage)),
      figures: dated.figures.filter((f) => onTopic.has(f.passage)),
      undated: dated.undated,
    },
  ];
}

/** The timeline of a corpus (its live passages), or of the passages on `options.topic`. */
export function buildTimeline(index: PassageIndex, passages: readonly Passage[], dated: DatedQuotes, options: TimelineOptions = {}): Timeline {
  return runAtOnce(timelineSteps(...inScope(index, passages, dated, options.topic), options));
}

/** buildTimeline giving the event loop back between steps: a bot keeps answering while a large corpus's timeline is made. */
export function buildTimelineInSteps(index: PassageIndex, passages: readonly Passage[], dated: DatedQuotes, options: TimelineOptions = {}): Promise<Timeline> {
  return runInSteps(timelineSteps(...inScope(index, passages, dated, options.topic), options));
}

/** Differing figures of a whole corpus, paired once: every timeline without a topic shows the same. */
const corpusDifferences = new WeakMap<DatedQuotes['figures'], FigureDisagreement[]>();

/** Figures the outlets give differently, read with the dates (see DatedQuotes). They need no date, so only a topic narrows them, never from/to. */
function differencesIn(figures: DatedQuotes['figures']): FigureDisagreement[] {
  const cached = corpusDifferences.get(figures);
  if (cached) return cached;
  const differences = pairFigures(figures);
  corpusDifferences.set(figures, differences);
  return differences;
}
