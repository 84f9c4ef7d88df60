import { mergeReports, type DatedQuote, type LeadSentence } from './datedQuotes.js';
import type { DocumentRef } from './types.js';
import { addTo, groupBy } from './groups.js';
import { LEARNED, REPORT_FEATURES } from './learnedWeights.js';

export { REPORT_FEATURES };

/**
 * What makes a date a key date of a collection, as a reader would weigh it: how many articles
 * and outlets refer to it, how often, and how much was published on it and the day after (news
 * of a day is printed that day and the next). Each is a count over the collection, read on a log
 * scale relative to the collection's largest, so the same weights serve five articles or
 * thousands.
 */
export const KEY_DATE_FEATURES = ['articles', 'sentences', 'outlets', 'publishedThatDay', 'publishedNextDay', 'laterArticles'] as const;
type Feature = (typeof KEY_DATE_FEATURES)[number];

/**
 * Weights of the features (see KEY_DATE_FEATURES): set by hand and checked on the Timeline17
 * tuning share. Weights learned there (`npx tsx eval/learnKeyDates.ts`, logistic regression: is
 * the day in the journalists' timeline?) did no better on a topic left out of the learning
 * (docs/timeline.md), nor did any one count alone: the weighing is not fitted to the tuning share.
 */
export const KEY_DATE_WEIGHTS: Record<Feature, number> = {
  articles: 1,
  sentences: 0.5,
  outlets: 0.3,
  publishedThatDay: 0.5,
  publishedNextDay: 0.3,
  laterArticles: 0.3,
};

/** The evidence for one candidate date. */
export interface DateEvidence {
  iso: string;
  quotes: DatedQuote[];
  counts: Record<Feature, number>;
  score: number;
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Counts of every feature for each day-precise date the quotes state. */
export function dateEvidence(quotes: readonly DatedQuote[], documents: readonly DocumentRef[]): DateEvidence[] {
  const publishedOn = new Map<string, number>();
  for (const d of documents) publishedOn.set(d.published, (publishedOn.get(d.published) ?? 0) + 1);
  const byDate = groupBy(
    quotes.filter((q) => q.precision === 'day'),
    (q) => q.iso,
  );
  return [...byDate].map(([iso, dated]) => {
    const articles = new Set(dated.map((q) => q.document.id));
    const day = dayOf(iso);
    const later = new Set(dated.filter((q) => dayOf(q.document.published) > day + 1).map((q) => q.document.id));
    const counts: Record<Feature, number> = {
      articles: articles.size,
      sentences: new Set(dated.map((q) => `${q.document.id}:${q.passage.id}:${q.start}`)).size,
      outlets: new Set(dated.map((q) => q.document.outlet)).size,
      publishedThatDay: publishedOn.get(iso) ?? 0,
      publishedNextDay: publishedOn.get(isoOf(day + 1)) ?? 0,
      laterArticles: later.size,
    };
    return { iso, quotes: dated, counts, score: 0 };
  });
}

/** Each feature as log(1 + count) over log(1 + the largest count among the candidates): 0 to 1. */
export function scaledFeatures(candidates: readonly DateEvidence[]): number[][] {
  const max = KEY_DATE_FEATURES.map((f) => candidates.reduce((m, c) => Math.max(m, c.counts[f]), 0));
  return candidates.map((c) => KEY_DATE_FEATURES.map((f, i) => (max[i] === 0 ? 0 : Math.log1p(c.counts[f]) / Math.log1p(max[i]!))));
}

/** Candidate dates, most salient first (ties: more articles, then the earlier date). */
export function rankDates(quotes: readonly DatedQuote[], documents: readonly DocumentRef[]): DateEvidence[] {
  const candidates = dateEvidence(quotes, documents);
  const features = scaledFeatures(candidates);
  candidates.forEach((c, i) => (c.score = KEY_DATE_FEATURES.reduce((s, f, k) => s + KEY_DATE_WEIGHTS[f] * features[i]![k]!, 0)));
  return candidates.sort((a, b) => b.score - a.score || b.counts.articles - a.counts.articles || a.iso.localeCompare(b.iso));
}

/** How rare a term is among the dated quotes: log(quotes / quotes holding it). */
function termRarity(quotes: readonly DatedQuote[]): (term: string) => number {
  const holding = new Map<string, number>();
  for (const q of quotes) for (const t of q.terms) holding.set(t, (holding.get(t) ?? 0) + 1);
  const total = quotes.length;
  return (term) => Math.log((total + 1) / ((holding.get(term) ?? 0) + 0.5));
}

/** A weighted bag of terms and its length, for cosines. */
interface Centroid {
  weights: Map<string, number>;
  norm: number;
}

/**
 * The mean of the bags' rare-word-weighted terms, each article counting once (its bags averaged
 * first): what most articles say, not what the longest article repeats.
 */
function centroidOf(bags: readonly { terms: ReadonlySet<string>; document: { id: string } }[], rarity: (term: string) => number): Centroid {
  const byArticle = groupBy(bags, (bag) => bag.document.id);
  const weights = new Map<string, number>();
  for (const articleBags of byArticle.values()) {
    const share = 1 / (articleBags.length * byArticle.size);
    for (const bag of articleBags) for (const t of bag.terms) weights.set(t, (weights.get(t) ?? 0) + rarity(t) * share);
  }
  return withNorm(weights);
}

function withNorm(weights: Map<string, number>): Centroid {
  let norm = 0;
  for (const w of weights.values()) norm += w * w;
  return { weights, norm: Math.sqrt(norm) };
}

/**
 * What a day's reports and the leads of that day's and the next day's articles agree on: terms
 * in both, weighted by their mean in each (the date vector of Gholipour Ghalandari & Ifrim's
 * DATEWISE). Without leads, the reports' own mean.
 */
function agreedCentroid(reports: Centroid, leads: Centroid | undefined): Centroid {
  if (!leads) return reports;
  const weights = new Map<string, number>();
  for (const [t, w] of reports.weights) {
    const l = leads.weights.get(t);
    if (l !== undefined) weights.set(t, w + l);
  }
  return weights.size === 0 ? reports : withNorm(weights);
}

function cosine(quote: DatedQuote, centroid: Centroid, rarity: (term: string) => number): number {
  let dot = 0;
  let norm = 0;
  for (const t of quote.terms) {
    const w = rarity(t);
    dot += w * (centroid.weights.get(t) ?? 0);
    norm += w * w;
  }
  return norm === 0 || centroid.norm === 0 ? 0 : dot / (Math.sqrt(norm) * centroid.norm);
}

/** What the reports of every key date are weighed against: the scope's rare words and its subject. */
export interface ReportContext {
  rarity: (term: string) => number;
  /** All the scope's dated quotes together: what the collection is about. */
  subject: Centroid;
  /** Lead sentences of the articles published on a day or the day after, by that day. */
  leadsOf: (iso: string) => LeadSentence[];
}

export function reportContext(quotes: readonly DatedQuote[], leads: readonly LeadSentence[]): ReportContext {
  const rarity = termRarity(quotes);
  const byDay = new Map<string, LeadSentence[]>();
  for (const lead of leads) {
    const day = dayOf(lead.document.published);
    for (const iso of [isoOf(day), isoOf(day - 1)]) addTo(byDay, iso, lead);
  }
  return { rarity, subject: centroidOf(quotes, rarity), leadsOf: (iso) => byDay.get(iso) ?? [] };
}

/**
 * What makes a quote a good summary of its date: how central it is among the quotes of that date
 * (what most reports of a day say is what happened that day), how close it is to the subject of
 * the whole collection, how much it says what the day's article leads say, how short it is, how soon after the date it was published (a report, not
 * a look back) and how near the top of its article it stands (news leads with the event).
 */
type ReportFeature = (typeof REPORT_FEATURES)[number];

/**
 * Weights of the report features, learned on the Timeline17 tuning share by
 * `npx tsx eval/learnKeyDates.ts` (least squares on each quote's ROUGE-1 against the journalists'
 * sentences of its date), which writes them to learnedWeights.json.
 */
export const REPORT_WEIGHTS: Record<ReportFeature, number> = LEARNED.reportWeights;

/** The report features of each quote of one date (see REPORT_FEATURES), in the same order. */
export function reportFeatures(quotes: readonly DatedQuote[], context: ReportContext): number[][] {
  const { rarity, subject } = context;
  const day = quotes.length > 0 ? dayOf(quotes[0]!.iso) : 0;
  const centroid = centroidOf(quotes, rarity);
  const leads = quotes.length > 0 ? context.leadsOf(quotes[0]!.iso) : [];
  const agreed = agreedCentroid(centroid, leads.length > 0 ? centroidOf(leads, rarity) : undefined);
  return quotes.map((q) => [
    cosine(q, centroid, rarity),
    cosine(q, agreed, rarity),
    cosine(q, subject, rarity),
    Math.log1p(q.quote.match(/[\p{L}\p{N}]+/gu)?.length ?? 0),
    Math.log1p(Math.max(0, dayOf(q.document.published) - day)),
    Math.log1p(q.passage.paragraph),
  ]);
}

/**
 * What each doubling of the outlets telling a report adds to it (per natural log): a report
 * several outlets carry is the day's news more surely than one outlet's aside. Chosen on the
 * tuning share with each topic's outlets pooled into one collection (docs/timeline.md).
 */
const CORROBORATION = 0.2;

/**
 * The `count` reports that best summarise one date: its quotes merged into reports (one event
 * told by several outlets is one report), each led by its best quote, best reports first.
 */
export function bestReports(quotes: readonly DatedQuote[], count: number, context: ReportContext, weights: Record<ReportFeature, number> = REPORT_WEIGHTS): DatedQuote[][] {
  const features = reportFeatures(quotes, context);
  const scoreOf = new Map(quotes.map((q, i) => [q, REPORT_FEATURES.reduce((s, f, k) => s + weights[f] * features[i]![k]!, 0)]));
  return mergeReports(quotes)
    .map((group) => {
      const led = [...group].sort((a, b) => scoreOf.get(b)! - scoreOf.get(a)!);
      const outlets = new Set(group.map((q) => q.document.outlet)).size;
      return { group: led, score: scoreOf.get(led[0]!)! + CORROBORATION * Math.log(outlets) };
    })
    .sort((a, b) => b.score - a.score || b.group.length - a.group.length || a.group[0]!.order - b.group[0]!.order)
    .slice(0, count)
    .map(({ group }) => group);
}
