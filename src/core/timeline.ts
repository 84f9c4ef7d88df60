import { passagesOnTopic } from './rank.js';
import type { FuzzyDate } from './dates.js';
import { figureDisagreements, type FigureDisagreement } from './figures.js';
import { mergeReports, type DatedQuote, type DatedQuotes, type LeadSentence, type TimelineQuote } from './datedQuotes.js';
import { bestReports, rankDates, reportContext } from './keyDates.js';
import type { PassageIndex } from './searchIndex.js';
import { documentRef, type DocumentRef, type Passage } from './types.js';

export { datedQuotes, datedQuotesInSteps, type DatedQuotes } from './datedQuotes.js';

/** One dated happening: the first quote represents it, the others are the same report elsewhere. */
interface TimelineEvent extends FuzzyDate {
  quotes: TimelineQuote[];
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
  /** Figures the outlets give differently for the same thing, side by side (undated; a topic narrows them). */
  differences: FigureDisagreement[];
  /** Sentences with no date that could be resolved: left out, never guessed. */
  undated: number;
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
 * often stated first.
 */
function summary(quotes: readonly DatedQuote[], leads: readonly LeadSentence[], documents: readonly DocumentRef[], dates: number, perDate: number): DatedQuote[][] {
  const context = reportContext(quotes, leads);
  const days = rankDates(quotes, documents).slice(0, dates);
  const chosen = days.map((d) => bestReports(d.quotes, perDate, context));
  if (days.length < dates) {
    const coarse = new Map<string, DatedQuote[]>();
    for (const q of quotes) if (q.precision !== 'day') coarse.set(`${q.precision}:${q.iso}`, [...(coarse.get(`${q.precision}:${q.iso}`) ?? []), q]);
    const ranked = [...coarse.values()].sort((a, b) => new Set(b.map((q) => q.document.id)).size - new Set(a.map((q) => q.document.id)).size || b.length - a.length);
    for (const same of ranked.slice(0, dates - days.length)) chosen.push(bestReports(same, perDate, context));
  }
  return chosen.flat();
}

/**
 * The timeline of these passages' dated quotes: filtered by from/to, then either every event
 * (reports of one event by several outlets merged, see mergeReports) or a summary of the key dates.
 */
export function timelineOf(passages: readonly Passage[], dated: DatedQuotes, options: TimelineOptions = {}): Timeline {
  let quotes = dated.quotes;
  if (options.from !== undefined || options.to !== undefined) {
    quotes = quotes.filter((q) => {
      const [first, last] = period(q);
      return (options.from === undefined || last >= options.from) && (options.to === undefined || first <= options.to);
    });
  }
  const everything = inDateOrder(mergeReports(quotes));
  const chronology = { dates: distinctDates(everything), events: everything.length };
  let events = everything;
  if (!options.all) {
    const documents = [...new Map(passages.map((p) => [p.document.id, documentRef(p.document)])).values()];
    events = inDateOrder(summary(quotes, dated.leads, documents, options.dates ?? DEFAULT_KEY_DATES, options.perDate ?? DEFAULT_REPORTS_PER_DATE));
  }
  return { events, dates: distinctDates(events), chronology, differences: differencesIn(passages), undated: dated.undated };
}

/** The timeline of a corpus, or of the passages on `options.topic`. */
export function buildTimeline(index: PassageIndex, dated: DatedQuotes, options: TimelineOptions = {}): Timeline {
  if (options.topic === undefined) return timelineOf(index.passages, dated, options);
  const onTopic = passagesOnTopic(index, options.topic);
  const scope = index.passages.filter((p) => onTopic.has(p));
  return timelineOf(scope, { quotes: dated.quotes.filter((q) => onTopic.has(q.passage)), leads: dated.leads.filter((l) => onTopic.has(l.passage)), undated: dated.undated }, options);
}

/** Differing figures of the whole corpus, found once: every unfiltered timeline shows the same. */
const corpusDifferences = new WeakMap<readonly Passage[], FigureDisagreement[]>();

/**
 * Figures the outlets give differently among these passages' sentences. They need no date, so
 * only a topic narrows them, never from/to.
 */
function differencesIn(passages: readonly Passage[]): FigureDisagreement[] {
  const cached = corpusDifferences.get(passages);
  if (cached) return cached;
  const differences = figureDisagreements(
    passages.flatMap((p) => p.sentences.map((s) => ({ quote: p.document.body.slice(s.start, s.end), start: s.start, end: s.end, document: documentRef(p.document) }))),
  );
  corpusDifferences.set(passages, differences);
  return differences;
}
