import { analyze } from './analyzer.js';
import { passagesOnTopic } from './rank.js';
import { dateMentions, type FuzzyDate, type DateMention } from './dates.js';
import { figureDisagreements, type FigureDisagreement } from './figures.js';
import { sameReport } from './similarity.js';
import type { PassageIndex } from './searchIndex.js';
import { documentRef, type DocumentRef, type Passage, type Span } from './types.js';

interface TimelineQuote {
  quote: string;
  start: number;
  end: number;
  document: DocumentRef;
}

/** One dated happening: the first quote represents it, the others are the same report elsewhere. */
interface TimelineEvent extends FuzzyDate {
  quotes: TimelineQuote[];
  /** Distinct outlets among the quotes. */
  outlets: number;
}

export interface Timeline {
  events: TimelineEvent[];
  /** Figures the outlets give differently for the same thing, side by side (undated; a topic narrows them). */
  differences: FigureDisagreement[];
  /** Sentences with no date that could be resolved: left out, never guessed. */
  undated: number;
}

export interface TimelineOptions {
  /** Keep only events whose sentence lies in a passage matching this topic (same rule as /ask). */
  topic?: string;
  /** ISO dates; an event is kept when its period (a day, month or year) overlaps [from, to]. */
  from?: string;
  to?: string;
}

/** A dated sentence or clause, before merging. */
interface DatedQuote extends TimelineQuote, FuzzyDate {
  passage: Passage;
  order: number;
  /** Content terms without the date's own words, for comparing reports. */
  terms: Set<string>;
}

/** Clause boundaries inside a sentence: a comma, semicolon, colon or dash followed by a space. */
const CLAUSE_BREAK = /\s*[,;:–—]\s+/g;

/**
 * The dated pieces of one sentence: the whole sentence when it states one date; when it states
 * several ("expelled nine months ago, re-entered on Saturday"), each date gets the clause around it.
 */
function datedSpans(text: string, mentions: DateMention[]): (Span & FuzzyDate)[] {
  if (mentions.length <= 1) return mentions.map((m) => ({ start: 0, end: text.length, iso: m.iso, precision: m.precision }));
  const clauses: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    clauses.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  clauses.push({ start, end: text.length });
  const seen = new Set<number>();
  const spans: (Span & FuzzyDate)[] = [];
  for (const mention of mentions) {
    const at = clauses.findIndex((c) => mention.index >= c.start && mention.index < c.end);
    if (at === -1 || seen.has(at)) continue;
    seen.add(at);
    spans.push({ ...clauses[at]!, iso: mention.iso, precision: mention.precision });
  }
  return spans;
}

/** Every dated sentence or clause of the corpus, in corpus order. */
export type DatedQuotes = { quotes: DatedQuote[]; undated: number };

export function datedQuotes(passages: readonly Passage[]): DatedQuotes {
  const found: DatedQuotes = { quotes: [], undated: 0 };
  for (const _ of datedQuoteSteps(passages, found));
  return found;
}

/** Passages read between two yields to the event loop (about 10 ms of date resolving). */
const PASSAGES_PER_STEP = 100;

/** The same as datedQuotes, giving the event loop back between steps: a bot keeps answering while a large corpus is read. */
export async function datedQuotesInSteps(passages: readonly Passage[]): Promise<DatedQuotes> {
  const found: DatedQuotes = { quotes: [], undated: 0 };
  for (const _ of datedQuoteSteps(passages, found)) await new Promise((resolve) => setImmediate(resolve));
  return found;
}

function* datedQuoteSteps(passages: readonly Passage[], found: DatedQuotes): Generator<void> {
  const { quotes } = found;
  let read = 0;
  for (const passage of passages) {
    if (++read % PASSAGES_PER_STEP === 0) yield;
    const { document } = passage;
    for (const sentence of passage.sentences) {
      const text = document.body.slice(sentence.start, sentence.end);
      const mentions = dateMentions(text, document.published);
      if (mentions.length === 0) {
        found.undated++;
        continue;
      }
      const dateWords = new Set(mentions.flatMap((m) => analyze(m.text)));
      for (const span of datedSpans(text, mentions)) {
        const start = sentence.start + span.start;
        const end = sentence.start + span.end;
        const quote = document.body.slice(start, end);
        const terms = new Set(analyze(quote).filter((t) => !dateWords.has(t)));
        quotes.push({ quote, start, end, document: documentRef(document), iso: span.iso, precision: span.precision, passage, order: quotes.length, terms });
      }
    }
  }
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

/**
 * The chronology: dated quotes filtered by topic and dates, reports of one event by several
 * outlets merged (same date and precision, similar words — see similarity.ts — different
 * articles), ordered by date.
 */
export function buildTimeline(index: PassageIndex, dated: { quotes: DatedQuote[]; undated: number }, options: TimelineOptions = {}): Timeline {
  let quotes = dated.quotes;
  let scope: readonly Passage[] = index.passages;
  if (options.topic !== undefined) {
    const onTopic = passagesOnTopic(index, options.topic);
    scope = index.passages.filter((p) => onTopic.has(p));
    quotes = quotes.filter((q) => onTopic.has(q.passage));
  }
  if (options.from !== undefined || options.to !== undefined) {
    quotes = quotes.filter((q) => {
      const [first, last] = period(q);
      return (options.from === undefined || last >= options.from) && (options.to === undefined || first <= options.to);
    });
  }

  const groups: DatedQuote[][] = [];
  for (const quote of quotes) {
    const group = groups.find(
      (g) => g[0]!.iso === quote.iso && g[0]!.precision === quote.precision && g.every((q) => q.document.id !== quote.document.id) && g.some((q) => sameReport(q.terms, quote.terms)),
    );
    if (group) group.push(quote);
    else groups.push([quote]);
  }

  const events = groups
    .map((group) => {
      // The earliest-published report represents the event; corpus order breaks ties.
      const ordered = [...group].sort((a, b) => a.document.published.localeCompare(b.document.published) || a.order - b.order);
      return { group: ordered, order: Math.min(...group.map((q) => q.order)) };
    })
    .sort((a, b) => a.group[0]!.iso.localeCompare(b.group[0]!.iso) || a.order - b.order)
    .map(({ group }): TimelineEvent => ({
      iso: group[0]!.iso,
      precision: group[0]!.precision,
      quotes: group.map(({ quote, start, end, document }) => ({ quote, start, end, document })),
      outlets: new Set(group.map((q) => q.document.outlet)).size,
    }));

  return { events, differences: differencesIn(scope), undated: dated.undated };
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
