import { analyze } from './analyzer.js';
import { dateMentions, type FuzzyDate, type DateMention } from './dates.js';
import { SAME_REPORT_MIN_SHARED, sameReport } from './similarity.js';
import { figureItems, REPORTING, type FigureItem } from './figures.js';
import { runAtOnce, runInSteps, type Steps } from './steps.js';
import { addTo } from './groups.js';
import { documentRef, type DocumentRef, type Passage, type Span, type VerbatimQuote } from './types.js';

/** A dated sentence or clause, before merging. */
export interface DatedQuote extends VerbatimQuote, FuzzyDate {
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

/** Every dated sentence or clause of the corpus, in corpus order, with the leads and figures read on the way. */
/** An undated sentence near the top of an article: news of the day it was published, though it names no date. */
export interface LeadSentence {
  document: DocumentRef;
  passage: Passage;
  terms: Set<string>;
}

/** Terms that are only who said something and that they said it: at most one word beside reporting verbs. */
function isAttribution(terms: ReadonlySet<string>): boolean {
  let other = 0;
  for (const t of terms) if (!REPORTING.has(t)) other++;
  return other <= 1;
}

/** Sentences counted as an article's lead. */
const LEAD_SENTENCES = 5;

export type DatedQuotes = {
  quotes: DatedQuote[];
  /** Undated sentences among each article's first LEAD_SENTENCES: what its publication day was about. */
  leads: LeadSentence[];
  /** Every figure of every sentence, dated or not, with its passage: what "Sources differ" compares. */
  figures: (FigureItem & { passage: Passage })[];
  undated: number;
};

export function datedQuotes(passages: readonly Passage[]): DatedQuotes {
  return runAtOnce(datedQuoteSteps(passages));
}

/** Passages read between two yields to the event loop (under 100 ms of date and figure reading on long passages). */
const PASSAGES_PER_STEP = 50;

/** The same as datedQuotes, giving the event loop back between steps: a bot keeps answering while a large corpus is read. */
export function datedQuotesInSteps(passages: readonly Passage[]): Promise<DatedQuotes> {
  return runInSteps(datedQuoteSteps(passages));
}

function* datedQuoteSteps(passages: readonly Passage[]): Steps<DatedQuotes> {
  const found: DatedQuotes = { quotes: [], leads: [], figures: [], undated: 0 };
  const { quotes } = found;
  let read = 0;
  let current: Passage['document'] | undefined;
  let ref: DocumentRef | undefined;
  let sentenceInArticle = 0;
  for (const passage of passages) {
    if (++read % PASSAGES_PER_STEP === 0) yield;
    const { document } = passage;
    if (document !== current) {
      current = document;
      ref = documentRef(document);
      sentenceInArticle = 0;
    }
    for (const sentence of passage.sentences) {
      const text = document.body.slice(sentence.start, sentence.end);
      for (const item of figureItems({ quote: text, start: sentence.start, end: sentence.end, document: ref! })) found.figures.push({ ...item, passage });
      const mentions = dateMentions(text, document.published);
      if (mentions.length === 0) {
        found.undated++;
        if (sentenceInArticle++ < LEAD_SENTENCES) found.leads.push({ document: ref!, passage, terms: new Set(analyze(text)) });
        continue;
      }
      sentenceInArticle++;
      const dateWords = new Set(mentions.flatMap((m) => analyze(m.text)));
      const spans = datedSpans(text, mentions);
      for (const span of spans) {
        const start = sentence.start + span.start;
        const end = sentence.start + span.end;
        const quote = document.body.slice(start, end);
        const terms = new Set(analyze(quote).filter((t) => !dateWords.has(t)));
        // A clause cut from a sentence that only attributes it ("officials said on Wednesday") dates the telling, not an event.
        if (spans.length > 1 && isAttribution(terms)) continue;
        quotes.push({ quote, start, end, document: ref!, iso: span.iso, precision: span.precision, passage, order: quotes.length, terms });
      }
    }
  }
  return found;
}

/**
 * Reports of one event by different articles, grouped: same date and precision, similar words
 * (see similarity.ts), different articles. Each group is ordered earliest-published first (corpus
 * order breaks ties): its first quote represents the event.
 */
export function mergeReports(quotes: readonly DatedQuote[]): DatedQuote[][] {
  return runAtOnce(mergeReportSteps(quotes));
}

/** Quotes merged between two yields to the event loop. */
const QUOTES_PER_STEP = 2_000;

export function* mergeReportSteps(quotes: readonly DatedQuote[]): Steps<DatedQuote[][]> {
  const groups: DatedQuote[][] = [];
  // Only reports of the same date can merge, and only quotes sharing words can be the same report:
  // look among those alone (through each date's term postings), not every group so far.
  const byDate = new Map<string, { groupOf: Map<DatedQuote, number>; postings: Map<string, DatedQuote[]> }>();
  let merged = 0;
  for (const quote of quotes) {
    if (++merged % QUOTES_PER_STEP === 0) yield;
    const key = `${quote.precision}:${quote.iso}`;
    let date = byDate.get(key);
    if (!date) byDate.set(key, (date = { groupOf: new Map(), postings: new Map() }));
    const shared = new Map<DatedQuote, number>();
    for (const term of quote.terms) for (const other of date.postings.get(term) ?? []) shared.set(other, (shared.get(other) ?? 0) + 1);
    let found = -1;
    for (const [other, count] of shared) {
      const g = date.groupOf.get(other)!;
      if ((found === -1 || g < found) && count >= SAME_REPORT_MIN_SHARED && sameReport(other.terms, quote.terms) && groups[g]!.every((q) => q.document.id !== quote.document.id)) found = g;
    }
    if (found === -1) {
      found = groups.length;
      groups.push([quote]);
    } else {
      groups[found]!.push(quote);
    }
    date.groupOf.set(quote, found);
    for (const term of quote.terms) addTo(date.postings, term, quote);
  }
  return groups.map((group) => group.sort((a, b) => a.document.published.localeCompare(b.document.published) || a.order - b.order));
}
