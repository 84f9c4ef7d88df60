import { analyze, analyzeQuestion } from './analyzer.js';
import { answerType, holdsAnswerType, type AnswerType } from './answerTypes.js';
import type { NearForm, PassageIndex, SearchFilter, WeightedTerm } from './searchIndex.js';
import type { Passage, Sentence, Span } from './types.js';

/**
 * How the ranking decides; every figure here was chosen on the tuning halves only (docs/ranking.md).
 */
export const RANKING = {
  /** Passages fetched from the index before paragraphs are judged. */
  candidates: 60,
  /** A paragraph's other passages add this share of their BM25 score to its best passage's. */
  paragraphContext: 0,
  /** Weight of the best quote window's share of the question, against the paragraph's relative BM25. */
  windowWeight: 1,
  /** A window holding the kind of answer asked for (a count, a time, a new name) counts this much more. */
  answerTypeBoost: 1.5,
  /** Longest quote window built from several sentences (one longer sentence may stand alone). */
  windowMaxChars: 400,
  /** A near form ("governor" for "govern") counts at most this much of the question's own word. */
  nearFormWeight: 0.5,
  /** A WordNet synonym of a question word ("recapture" for "retake") counts this much of it. */
  synonymWeight: 0.5,
  /** A word found only in the article's headline counts this much. */
  titleOnlyWeight: 0.25,
  /** A question is answered when its best paragraph holds this share of the question's weight … */
  minCoverage: 0.5,
  /** … or this share with three of the question's words. */
  minCoverageWithThreeWords: 0.34,
  /** A paragraph's second window competes with this share of the paragraph's BM25 (0: one quote per paragraph). */
  secondWindowWeight: 0.8,
  /** Rarer words weigh more in that share: IDF to this power. */
  coverageExponent: 2,
  /** Once a question is answered, further paragraphs are quoted when they hold this share. */
  minCoverageOthers: 0.25,
  /** Inside an article, a question word its headline holds says little about which sentence answers. */
  headlineWordInWindow: 0.25,
} as const;

/**
 * The words of a question worth searching: links, chat mentions (<@id>, <#id>, @everyone) carry
 * no topic, and their ids and host names would only dilute the question's weight.
 */
export function searchableText(question: string): string {
  return question.replace(/\bhttps?:\/\/\S+/gi, ' ').replace(/<(?:@[!&]?|#)\d+>/g, ' ').replace(/@(?:everyone|here)\b/gi, ' ');
}

export interface QuestionTerm {
  term: string;
  idf: number;
  nearForms: NearForm[];
}

export interface Matcher {
  terms: QuestionTerm[];
  /** Weighted query for the index: the words, then their near forms. */
  query: WeightedTerm[];
  type: AnswerType | undefined;
  /** The question's whole weight: the sum of its words' IDF. */
  weight: number;
  /** The question's words in lower case, as written: a name the question says is not its answer. */
  words: ReadonlySet<string>;
}

export function questionMatcher(index: PassageIndex, question: string): Matcher {
  const text = searchableText(question);
  // A word the corpus lacks is read as the corpus word it is most likely a misspelling of.
  const words = [...new Set(analyzeQuestion(text, index.knows).map((term) => (index.knows(term) ? term : (index.spellingOf(term) ?? term))))];
  const own = new Set(words);
  const terms = words.map((term) => ({ term, idf: index.idf(term), nearForms: index.nearForms(term).filter((f) => !own.has(f.term)) }));
  const query: WeightedTerm[] = words.map((term) => ({ term, weight: 1 }));
  const seen = new Set(own);
  for (const t of terms) {
    for (const form of t.nearForms) {
      if (seen.has(form.term)) continue;
      seen.add(form.term);
      // The index weighs a term by its own rarity; a near form must not outweigh the word asked,
      // and a closer form ("governor" for "govern") counts more than a farther ("governorate").
      query.push({ term: form.term, weight: formWeight(form) * form.closeness * Math.min(1, t.idf / index.idf(form.term)) });
    }
  }
  return {
    terms,
    query,
    type: answerType(question),
    weight: terms.reduce((sum, t) => sum + t.idf, 0),
    words: new Set((text.match(/[\p{L}\p{N}’'-]+/gu) ?? []).map((w) => w.toLowerCase())),
  };
}

const formWeight = (form: NearForm) => (form.synonym ? RANKING.synonymWeight : RANKING.nearFormWeight);

/** A paragraph judged against a question: its passages, best window and score. */
export interface RankedHit {
  /** The passage holding the window (its first sentence). */
  passage: Passage;
  /** Every passage of the paragraph, in order. */
  passages: Passage[];
  /** The best run of whole sentences to quote. */
  window: Span;
  score: number;
  /** Per question term: 1 in the paragraph, less as a near form or in the headline only, 0 absent. */
  found: number[];
}

/** Terms of one sentence, kept per index: most candidates recur across questions on one topic. */
const sentenceTermCaches = new WeakMap<PassageIndex, Map<string, Set<string>>>();
const SENTENCE_CACHE_LIMIT = 50_000;

function sentenceTerms(index: PassageIndex, passage: Passage, sentence: Sentence): Set<string> {
  let cache = sentenceTermCaches.get(index);
  if (!cache) sentenceTermCaches.set(index, (cache = new Map()));
  const key = `${passage.id}:${sentence.start}`;
  let terms = cache.get(key);
  if (!terms) {
    terms = new Set(analyze(passage.document.body.slice(sentence.start, sentence.end)));
    if (cache.size >= SENTENCE_CACHE_LIMIT) cache.clear();
    cache.set(key, terms);
  }
  return terms;
}

const titleTermCache = new Map<string, Set<string>>();

function titleTerms(title: string): Set<string> {
  let terms = titleTermCache.get(title);
  if (!terms) {
    terms = new Set(analyze(title));
    if (titleTermCache.size >= SENTENCE_CACHE_LIMIT) titleTermCache.clear();
    titleTermCache.set(title, terms);
  }
  return terms;
}

/** The passages of the paragraph around `passage` (they have consecutive ids). */
function paragraphOf(index: PassageIndex, passage: Passage): Passage[] {
  const { passages } = index;
  const same = (p: Passage | undefined) => p !== undefined && p.document === passage.document && p.paragraph === passage.paragraph;
  let first = passage.id;
  while (same(passages[first - 1])) first--;
  let last = passage.id;
  while (same(passages[last + 1])) last++;
  return passages.slice(first, last + 1);
}

/** How much of each question term a set of term sets holds (1 own word, less a near form). */
function credits(matcher: Matcher, sets: readonly Set<string>[]): number[] {
  const has = (term: string) => sets.some((s) => s.has(term));
  return matcher.terms.map((t) => (has(t.term) ? 1 : Math.max(0, ...t.nearForms.filter((f) => has(f.term)).map(formWeight))));
}

function share(matcher: Matcher, found: readonly number[]): number {
  return matcher.weight === 0 ? 0 : matcher.terms.reduce((sum, t, i) => sum + t.idf * found[i]!, 0) / matcher.weight;
}

/** Does a paragraph answer? Shares of IDF are comparable across questions; BM25 scores are not. */
function answers(matcher: Matcher, found: readonly number[]): boolean {
  const e = RANKING.coverageExponent;
  const total = matcher.terms.reduce((sum, t) => sum + t.idf ** e, 0);
  const covered = total === 0 ? 0 : matcher.terms.reduce((sum, t, i) => sum + t.idf ** e * found[i]!, 0) / total;
  const whole = found.filter((f) => f === 1).length;
  return covered >= RANKING.minCoverage || (covered >= RANKING.minCoverageWithThreeWords && whole >= 3);
}

interface SentenceRef {
  passage: Passage;
  sentence: Sentence;
  terms: Set<string>;
}

/** What windows are made of: each sentence's credit per question term and whether it holds the answer type. */
interface SentenceFacts {
  sentences: SentenceRef[];
  credits: number[][];
  holds: boolean[];
  /** Per question term: 1, or less when the article's headline has the word (see headlineWordInWindow). */
  weights: number[];
}

/** Whether a sentence states a time, kept per index: resolving dates is the slow part, and it does not depend on the question. */
const timeCaches = new WeakMap<PassageIndex, Map<string, boolean>>();

function sentenceFacts(index: PassageIndex, matcher: Matcher, sentences: SentenceRef[]): SentenceFacts {
  const { published, body, title } = sentences[0]!.passage.document;
  const headline = titleTerms(title);
  let times = timeCaches.get(index);
  if (!times) timeCaches.set(index, (times = new Map()));
  const holds = sentences.map(({ passage, sentence }) => {
    if (!matcher.type) return false;
    const text = body.slice(sentence.start, sentence.end);
    if (matcher.type !== 'time') return holdsAnswerType(text, matcher.type, published, matcher.words);
    const key = `${passage.id}:${sentence.start}`;
    let held = times!.get(key);
    if (held === undefined) {
      held = holdsAnswerType(text, 'time', published, matcher.words);
      if (times!.size >= SENTENCE_CACHE_LIMIT) times!.clear();
      times!.set(key, held);
    }
    return held;
  });
  return {
    sentences,
    credits: sentences.map((s) => credits(matcher, [s.terms])),
    holds,
    weights: matcher.terms.map((t) => (headline.has(t.term) ? RANKING.headlineWordInWindow : 1)),
  };
}

/**
 * The paragraph's best run of whole sentences: the one holding the most question weight, more
 * when it holds the kind of answer asked for; on ties the longer run, for context. Linear in the
 * windows tried: each window extends the last by one sentence.
 */
function bestWindow(matcher: Matcher, facts: SentenceFacts, avoid?: Span): { window: Span; passage: Passage; value: number } {
  const { sentences } = facts;
  let best = { window: sentences[0]!.sentence as Span, passage: sentences[0]!.passage, value: -1 };
  for (let i = 0; i < sentences.length; i++) {
    const found = new Array<number>(matcher.terms.length).fill(0);
    let holds = false;
    for (let j = i; j < sentences.length; j++) {
      const start = sentences[i]!.sentence.start;
      const end = sentences[j]!.sentence.end;
      if (j > i && end - start > RANKING.windowMaxChars) break;
      facts.credits[j]!.forEach((c, k) => (found[k] = Math.max(found[k]!, c)));
      holds ||= facts.holds[j]!;
      if (avoid && start < avoid.end && end > avoid.start) continue;
      let value = share(matcher, found.map((c, k) => c * facts.weights[k]!));
      if (holds) value *= RANKING.answerTypeBoost;
      const longer = end - start > best.window.end - best.window.start;
      if (value > best.value + 1e-9 || (Math.abs(value - best.value) <= 1e-9 && longer)) best = { window: { start, end }, passage: sentences[i]!.passage, value };
    }
  }
  return best;
}

/**
 * Paragraphs that answer the question (see `answers`), best first, at most `limit`, each with
 * the window to quote. A paragraph's score blends its BM25 (its best passage plus part of its
 * other passages) relative to the best candidate's, with the share of the question its best
 * window holds.
 */
export function rankParagraphs(index: PassageIndex, question: string, limit: number, filter: SearchFilter = {}): { matcher: Matcher; hits: RankedHit[] } {
  const matcher = questionMatcher(index, question);
  if (matcher.terms.length === 0 || limit <= 0) return { matcher, hits: [] };
  const raw = index.search(matcher.query, Math.max(limit * 4, RANKING.candidates), filter);
  const scoreOf = new Map(raw.map((h) => [h.passage.id, h.score]));
  const seen = new Set<number>();
  const judged: { hit: RankedHit; bm25: number; windowValue: number }[] = [];
  for (const { passage } of raw) {
    if (seen.has(passage.id)) continue;
    const passages = paragraphOf(index, passage);
    for (const p of passages) seen.add(p.id);
    const scores = passages.map((p) => scoreOf.get(p.id) ?? 0);
    const top = Math.max(...scores);
    const bm25 = top + RANKING.paragraphContext * (scores.reduce((a, b) => a + b, 0) - top);
    const sentences: SentenceRef[] = passages.flatMap((p) => p.sentences.map((sentence) => ({ passage: p, sentence, terms: sentenceTerms(index, p, sentence) })));
    const inBody = credits(matcher, sentences.map((s) => s.terms));
    const found = inBody.map((credit, i) => (credit === 1 ? 1 : Math.max(credit, index.occurrence(passage.id, matcher.terms[i]!.term) === 'title' ? RANKING.titleOnlyWeight : 0)));
    if (share(matcher, found) < Math.min(RANKING.minCoverageOthers, RANKING.minCoverageWithThreeWords)) continue;
    const facts = sentenceFacts(index, matcher, sentences);
    const best = bestWindow(matcher, facts);
    judged.push({ hit: { passage: best.passage, passages, window: best.window, score: 0, found }, bm25, windowValue: best.value });
    if (RANKING.secondWindowWeight > 0) {
      // A long paragraph may answer twice: its next best window, apart from the first, ranks on its own merit.
      const second = bestWindow(matcher, facts, best.window);
      if (second.value > 0) judged.push({ hit: { passage: second.passage, passages, window: second.window, score: 0, found }, bm25: bm25 * RANKING.secondWindowWeight, windowValue: second.value });
    }
  }
  // The question is answerable only if some paragraph holds enough of it; then weaker paragraphs
  // may follow it as further quotes.
  if (!judged.some((j) => answers(matcher, j.hit.found))) return { matcher, hits: [] };
  const topBm25 = Math.max(0, ...judged.map((j) => j.bm25));
  for (const j of judged) {
    j.hit.score = (topBm25 > 0 ? j.bm25 / topBm25 : 0) + RANKING.windowWeight * j.windowValue;
  }
  const hits = judged.map((j) => j.hit).sort((a, b) => b.score - a.score || a.passage.id - b.passage.id);
  return { matcher, hits: hits.slice(0, limit) };
}

/** Every passage of every paragraph on a topic (the same rule as /ask), for the timeline. */
export function passagesOnTopic(index: PassageIndex, topic: string): Set<Passage> {
  const { hits } = rankParagraphs(index, topic, index.passages.length);
  return new Set(hits.flatMap((h) => h.passages));
}
