import { analyze, analyzeQuestion } from './analyzer.js';
import { LEARNED } from './learnedWeights.js';
import { answerType, holdsAnswerType, type AnswerType } from './answerTypes.js';
import { bm25Idf, type NearForm, type PassageIndex, type SearchFilter, type WeightedTerm } from './searchIndex.js';
import type { Passage, Sentence, Span } from './types.js';

/**
 * How the ranking decides; every figure here was chosen on the tuning halves only (docs/ranking.md).
 * Exported so a tuning script can vary a figure and re-run `evaluateSet`.
 * @public
 */
export const RANKING = {
  /** Passages fetched from the index before paragraphs are judged. */
  candidates: 60,
  /** Candidate paragraphs, best by BM25, whose sentences are read for quote windows. */
  windowed: 12,
  /** Passages of the same paragraph read on each side of a candidate (its neighbourhood is judged as one). */
  paragraphReach: 2,
  /** A window holding the kind of answer asked for (a count, a time, a new name) counts this much more. */
  answerTypeBoost: 1.5,
  /** Added to a window's value for the share of the question's consecutive word pairs it holds side by side. */
  pairWeight: 0.4,
  /** Longest quote window built from several sentences (one longer sentence may stand alone). */
  windowMaxChars: 400,
  /** A near form ("governor" for "govern") counts at most this much of the question's own word. */
  nearFormWeight: 0.5,
  /** A WordNet synonym of a question word ("recapture" for "retake") counts this much of it. */
  synonymWeight: 0.5,
  /** A word one WordNet step more general or specific ("murder" for "kill") counts this much of it. */
  broaderWeight: 0.25,
  /** A word of the same family in another part of speech ("death" for "die") counts this much of it. */
  familyWeight: 0.75,
  /** A word found only in the article's headline counts this much. */
  titleOnlyWeight: 0.25,
  /** A timeline topic is found in a paragraph holding this share of the topic's weight (a question's answer is decided by `abstention`) … */
  minCoverage: 0.5,
  /** … or this share with three of the question's words. */
  minCoverageWithThreeWords: 0.2,
  /** Either way, and to answer a question, a paragraph must hold this many question words as written (not only near forms or synonyms). */
  minWholeWords: 1,
  /** A paragraph's second window competes with this share of the paragraph's BM25 (0: one quote per paragraph). */
  secondWindowWeight: 0.8,
  /** Rarer words weigh more in that share: IDF to this power. */
  coverageExponent: 2,
  /** Once a question is answered, further paragraphs are quoted when they hold this share. */
  minCoverageOthers: 0.25,
  /** Inside an article, a question word its headline holds says little about which sentence answers. */
  headlineWordInWindow: 0.25,
  /** Added to a window's value for its best single sentence's own share: question words met together. */
  sentenceWeight: 0.5,
  /**
   * How a candidate quote's features (see WindowFeatures) add up to its score: learned on the
   * tuning halves by `npx tsx eval/learnRanking.ts`, which writes them to learnedWeights.json.
   */
  scoreWeights: LEARNED.scoreWeights,
  /**
   * Whether a question is answered at all: its evidence (see Evidence) weighed by these figures
   * plus the bias must reach 0. Learned by `npx tsx eval/learnAbstention.ts` on the tuning half
   * only (questions of other articles as the questions to refuse; the bias lets 99 % of the
   * tuning questions be answered), written to learnedWeights.json.
   */
  abstention: LEARNED.abstention,
} as const;

/**
 * The words of a question worth searching: links, chat mentions (<@id>, <#id>, @everyone) carry
 * no topic, and their ids and host names would only dilute the question's weight.
 */
function searchableText(question: string): string {
  return question.replace(/\bhttps?:\/\/\S+/gi, ' ').replace(/<(?:@[!&]?|#)\d+>/g, ' ').replace(/@(?:everyone|here)\b/gi, ' ');
}

interface QuestionTerm {
  term: string;
  idf: number;
  /** The word's term id, when any passage or headline has it. */
  id: number | undefined;
  nearForms: NearForm[];
}

export interface Matcher {
  terms: QuestionTerm[];
  /** Weighted query for the index: the words, then their near forms. */
  query: WeightedTerm[];
  type: AnswerType | undefined;
  /** The question's whole weight: the sum of its words' IDF. */
  weight: number;
  /** Per question word: its IDF, and its IDF squared (rarer words weigh more). */
  idfs: number[];
  idfsSquared: number[];
  /** The question's words in lower case, as written: a name the question says is not its answer. */
  words: ReadonlySet<string>;
  /** Consecutive content terms of the question ("head coach") as pair keys (see pairKey), to meet them side by side; a pair with a word the corpus lacks has a key no sentence holds. */
  pairs: number[];
  /** Position of each pair key in `pairs`, and the size of the vocabulary the keys were made with. */
  pairIndex: Map<number, number>;
  vocabularySize: number;
  /** Every indexed term id that meets a question term: which term (by position) and how much it counts. */
  formIds: Map<number, [term: number, weight: number][]>;
}

/** Which of the question's word pairs a sentence holds side by side. */
function pairsHeld(matcher: Matcher, ids: Uint32Array): boolean[] {
  const held = new Array<boolean>(matcher.pairs.length).fill(false);
  if (matcher.pairs.length === 0) return held;
  for (let k = 1; k < ids.length; k++) {
    const at = matcher.pairIndex.get(pairKey(ids[k - 1]!, ids[k]!, matcher.vocabularySize));
    if (at !== undefined) held[at] = true;
  }
  return held;
}

/** One number for an ordered pair of term ids. */
function pairKey(a: number, b: number, vocabularySize: number): number {
  return a * vocabularySize + b;
}

function questionMatcher(index: PassageIndex, question: string): Matcher {
  const text = searchableText(question);
  // A word the corpus lacks is read as the corpus word it is most likely a misspelling of.
  const sequence = analyzeQuestion(text, index.knows).map((term) => (index.knows(term) ? term : (index.spellingOf(term) ?? term)));
  const words = [...new Set(sequence)];
  const own = new Set(words);
  const terms = words.map((term) => ({ term, idf: index.idf(term), id: index.termId(term), nearForms: index.nearForms(term).filter((f) => !own.has(f.term)) }));
  const query: WeightedTerm[] = words.map((term) => ({ term, weight: 1 }));
  const seen = new Set(own);
  for (const t of terms) {
    for (const form of t.nearForms) {
      // A broader or narrower word only credits what the question's own words found: searching
      // it too would more than double the postings read for no better answer (docs/ranking.md).
      if (seen.has(form.term) || form.kind === 'broader') continue;
      seen.add(form.term);
      // The index weighs a term by its own rarity; a near form must not outweigh the word asked,
      // and a closer form ("governor" for "govern") counts more than a farther ("governorate").
      query.push({ term: form.term, weight: formWeight(form) * form.closeness * Math.min(1, t.idf / index.idf(form.term)) });
    }
  }
  // Every corpus term that meets a question word, by term id.
  const forms = new Map<string, [number, number][]>();
  const meet = (term: string, i: number, weight: number) => forms.set(term, [...(forms.get(term) ?? []), [i, weight]]);
  terms.forEach((t, i) => {
    meet(t.term, i, 1);
    for (const form of t.nearForms) meet(form.term, i, formWeight(form));
  });
  // Consecutive question words; a pair with a word the corpus lacks gets a key no sentence holds.
  const pairs = [
    ...new Set(
      sequence.slice(1).flatMap((term, i) => {
        if (term === sequence[i]) return [];
        const a = index.termId(sequence[i]!);
        const b = index.termId(term);
        return [a === undefined || b === undefined ? -1 - i : pairKey(a, b, index.vocabularySize)];
      }),
    ),
  ];
  const formIds = new Map<number, [number, number][]>();
  for (const [term, meets] of forms) {
    const id = index.termId(term);
    if (id !== undefined) formIds.set(id, meets);
  }
  return {
    terms,
    query,
    formIds,
    type: answerType(question),
    weight: terms.reduce((sum, t) => sum + t.idf, 0),
    idfs: terms.map((t) => t.idf),
    idfsSquared: terms.map((t) => t.idf ** 2),
    words: new Set((text.match(/[\p{L}\p{N}’'-]+/gu) ?? []).map((w) => w.toLowerCase())),
    pairs,
    pairIndex: new Map(pairs.map((key, k) => [key, k])),
    vocabularySize: index.vocabularySize,
  };
}

const FORM_WEIGHTS = { form: 'nearFormWeight', synonym: 'synonymWeight', family: 'familyWeight', broader: 'broaderWeight' } as const;
const formWeight = (form: NearForm) => RANKING[FORM_WEIGHTS[form.kind]];

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
  /** The terms of the window's sentences (for comparing reports across outlets), worked out when first asked for. */
  windowTerms: () => ReadonlySet<number>;
}

/** Whether each sentence of a passage states a time, kept per index by passage id: resolving dates is slow and does not depend on the question. */
const STATES_TIME_LIMIT = 50_000;
const statesTimeByIndex = new WeakMap<PassageIndex, Map<number, boolean[]>>();

function statesTime(index: PassageIndex, passage: Passage): boolean[] {
  let known = statesTimeByIndex.get(index);
  if (!known) statesTimeByIndex.set(index, (known = new Map()));
  let states = known.get(passage.id);
  if (!states) {
    const { body, published } = passage.document;
    states = passage.sentences.map((s) => holdsAnswerType(body.slice(s.start, s.end), 'time', published, new Set()));
    if (known.size >= STATES_TIME_LIMIT) known.clear();
    known.set(passage.id, states);
  }
  return states;
}

const headlines = new WeakMap<Passage['document'], Set<string>>();

function headlineTerms(document: Passage['document']): Set<string> {
  let terms = headlines.get(document);
  if (!terms) headlines.set(document, (terms = new Set(analyze(document.title))));
  return terms;
}

/**
 * The passages of the paragraph around `passage` (they have consecutive ids), at most
 * `paragraphReach` on each side: a paragraph of a whole article (text with no blank lines) must
 * not make one question read thousands of sentences.
 */
function paragraphOf(index: PassageIndex, passage: Passage): Passage[] {
  const { passages } = index;
  const same = (p: Passage | undefined) => p !== undefined && p.document === passage.document && p.paragraph === passage.paragraph;
  let first = passage.id;
  while (passage.id - first < RANKING.paragraphReach && same(passages[first - 1])) first--;
  let last = passage.id;
  while (last - passage.id < RANKING.paragraphReach && same(passages[last + 1])) last++;
  return passages.slice(first, last + 1);
}

/**
 * How much of each question term a sentence holds (1 its own word, less a near form or synonym):
 * one look-up per word of the sentence, however many forms the question's words have.
 */
function sentenceCredits(matcher: Matcher, terms: ArrayLike<number>): number[] {
  const credit = new Array<number>(matcher.terms.length).fill(0);
  for (let k = 0; k < terms.length; k++) {
    const meets = matcher.formIds.get(terms[k]!);
    if (meets) for (const [i, weight] of meets) if (weight > credit[i]!) credit[i] = weight;
  }
  return credit;
}

/** The share of the question's weight `found` holds; with an exponent, rarer words weigh more. */
function share(matcher: Matcher, found: readonly number[], exponent: 1 | 2 = 1): number {
  return weightedShare(exponent === 1 ? matcher.idfs : matcher.idfsSquared, found);
}

/** How many question words `found` holds as written (not only as near forms or links). */
function wholeWordsIn(found: readonly number[]): number {
  let whole = 0;
  for (const f of found) if (f === 1) whole++;
  return whole;
}

/** Is a paragraph on the timeline's topic? Shares of IDF are comparable across topics; BM25 scores are not. */
function coversTopic(matcher: Matcher, found: readonly number[]): boolean {
  const covered = share(matcher, found, RANKING.coverageExponent);
  const whole = wholeWordsIn(found);
  if (whole < RANKING.minWholeWords) return false;
  return covered >= RANKING.minCoverage || (covered >= RANKING.minCoverageWithThreeWords && whole >= 3);
}

interface SentenceRef {
  passage: Passage;
  sentence: Sentence;
  /** Position of the sentence in its passage. */
  at: number;
  /** The sentence's term ids in reading order, as stored with the index. */
  ids: Uint32Array;
  /** Per question term, what this sentence holds of it (see sentenceCredits). */
  credits: number[];
}

/** What windows are made of: each sentence's credit per question term and whether it holds the answer type. */
interface SentenceFacts {
  sentences: SentenceRef[];
  credits: number[][];
  /** Per sentence: which of the question's pairs it holds side by side. */
  pairs: boolean[][];
  holds: boolean[];
  /** Per question term: what one unit of its credit adds to a window's share of the question (less when the article's headline has the word, see headlineWordInWindow). */
  gain: number[];
  /** What each of the question's word pairs held side by side adds. */
  pairGain: number;
  /** Per sentence: the share it holds on its own. */
  alone: number[];
}

function sentenceFacts(index: PassageIndex, matcher: Matcher, sentences: SentenceRef[]): SentenceFacts {
  const { published, body } = sentences[0]!.passage.document;
  const headline = headlineTerms(sentences[0]!.passage.document);
  const { type } = matcher;
  const holds = sentences.map(({ passage, sentence, at }) => {
    if (!type) return false;
    if (type !== 'time') return holdsAnswerType(body.slice(sentence.start, sentence.end), type, published, matcher.words);
    return statesTime(index, passage)[at]!;
  });
  const gain = matcher.terms.map((t) => (matcher.weight === 0 ? 0 : (t.idf * (headline.has(t.term) ? RANKING.headlineWordInWindow : 1)) / matcher.weight));
  const pairGain = matcher.pairs.length === 0 ? 0 : RANKING.pairWeight / matcher.pairs.length;
  const credits = sentences.map((s) => s.credits);
  const pairs = sentences.map((s) => pairsHeld(matcher, s.ids));
  const alone = credits.map((row, j) => row.reduce((sum, c, k) => sum + gain[k]! * c, 0) + pairGain * pairs[j]!.filter(Boolean).length);
  return { sentences, credits, pairs, holds, gain, pairGain, alone };
}

/** A quote window of a paragraph and what it holds of the question. */
interface Window {
  window: Span;
  passage: Passage;
  /** What chose it among the paragraph's windows (see bestWindow). */
  value: number;
  /** The share of the question it holds (pairs included), whether it holds the answer type, its best sentence's own share, and per question term what it holds. */
  held: number;
  holds: boolean;
  strongest: number;
  found: number[];
}

/**
 * The paragraph's best run of whole sentences: the one holding the most question weight, more
 * when it holds the kind of answer asked for and when one of its sentences holds much on its
 * own; on ties the longer run, for context. Linear in the
 * windows tried: each window extends the last by one sentence.
 */
function bestWindow(matcher: Matcher, facts: SentenceFacts, avoid?: Span): Window {
  const { sentences, gain, pairGain, alone } = facts;
  const width = matcher.terms.length;
  const found = new Array<number>(width);
  const paired = new Array<boolean>(matcher.pairs.length);
  let best: Window = { window: sentences[0]!.sentence, passage: sentences[0]!.passage, value: -1, held: 0, holds: false, strongest: 0, found: [] };
  for (let i = 0; i < sentences.length; i++) {
    found.fill(0);
    paired.fill(false);
    let held = 0;
    let strongest = 0;
    let holds = false;
    for (let j = i; j < sentences.length; j++) {
      const start = sentences[i]!.sentence.start;
      const end = sentences[j]!.sentence.end;
      if (j > i && end - start > RANKING.windowMaxChars) break;
      // Each sentence added raises what the window holds; nothing is counted twice.
      const credits = facts.credits[j]!;
      for (let k = 0; k < width; k++) {
        if (credits[k]! > found[k]!) {
          held += gain[k]! * (credits[k]! - found[k]!);
          found[k] = credits[k]!;
        }
      }
      const pairs = facts.pairs[j]!;
      for (let k = 0; k < pairs.length; k++) {
        if (pairs[k] && !paired[k]) {
          paired[k] = true;
          held += pairGain;
        }
      }
      holds ||= facts.holds[j]!;
      // Words met in one sentence are likelier to answer together than words spread over several.
      if (alone[j]! > strongest) strongest = alone[j]!;
      if (avoid && start < avoid.end && end > avoid.start) continue;
      const value = (holds ? held * RANKING.answerTypeBoost : held) + RANKING.sentenceWeight * strongest;
      const longer = end - start > best.window.end - best.window.start;
      if (value > best.value + 1e-9 || (Math.abs(value - best.value) <= 1e-9 && longer)) best = { window: { start, end }, passage: sentences[i]!.passage, value, held, holds, strongest, found: [...found] };
    }
  }
  return best;
}

/** A candidate paragraph: its passages, its BM25 and how much of the question it holds. */
interface Judged {
  /** The candidate passage the paragraph was reached by. */
  passage: Passage;
  passages: Passage[];
  bm25: number;
  found: number[];
}

/**
 * Candidate paragraphs from the index, each holding at least a little of the question. What a
 * paragraph holds is read from the index's stored term rows, so judging analyses no text.
 */
function judgeParagraphs(index: PassageIndex, matcher: Matcher, limit: number, filter: SearchFilter): Judged[] {
  const raw = index.search(matcher.query, Math.max(limit, RANKING.candidates), filter);
  const scoreOf = new Map(raw.map((h) => [h.passage.id, h.score]));
  const seen = new Set<number>();
  const judged: Judged[] = [];
  const width = matcher.terms.length;
  for (const { passage } of raw) {
    if (seen.has(passage.id)) continue;
    const passages = paragraphOf(index, passage);
    // A paragraph's BM25 is its best passage's (adding a share of the others' was tried and dropped: docs/ranking.md).
    let top = 0;
    const found = new Array<number>(width).fill(0);
    for (const p of passages) {
      seen.add(p.id);
      const score = scoreOf.get(p.id) ?? 0;
      top = Math.max(top, score);
      for (const id of index.passageTermIds(p.id)) {
        const meets = matcher.formIds.get(id);
        if (meets) for (const [i, weight] of meets) if (weight > found[i]!) found[i] = weight;
      }
    }
    const headline = headlineTerms(passage.document);
    matcher.terms.forEach((t, i) => {
      if (found[i]! < RANKING.titleOnlyWeight && headline.has(t.term)) found[i] = RANKING.titleOnlyWeight;
    });
    if (share(matcher, found) < Math.min(RANKING.minCoverageOthers, RANKING.minCoverageWithThreeWords)) continue;
    judged.push({ passage, passages, bm25: top, found });
  }
  return judged;
}

/** The first and last passage ids of a passage's article (an article's passages are consecutive), kept per article. */
const articleRanges = new WeakMap<Passage['document'], [number, number]>();

function articleRange(index: PassageIndex, passage: Passage): [number, number] {
  let range = articleRanges.get(passage.document);
  if (!range) {
    const { passages } = index;
    let first = passage.id;
    while (passages[first - 1]?.document === passage.document) first--;
    let last = passage.id;
    while (passages[last + 1]?.document === passage.document) last++;
    articleRanges.set(passage.document, (range = [first, last]));
  }
  return range;
}

/**
 * Per question term: the IDF of the word as asked among the passages of the passage's article,
 * read off the postings (a headline word is in every passage). A word on every page of the article
 * (its subject) cannot tell its paragraphs apart, however rare it is in the corpus.
 */
function idfInArticle(index: PassageIndex, matcher: Matcher, passage: Passage): number[] {
  const [first, last] = articleRange(index, passage);
  const frequency = matcher.terms.map(({ id }) => (id === undefined ? 0 : index.passagesHolding(id, first, last)));
  const total = last - first + 1;
  return frequency.map((df) => bm25Idf(total, df));
}

/** The share of the weights that `found` holds (found: per term, 1 held, less in part). */
function weightedShare(weights: readonly number[], found: readonly number[]): number {
  let total = 0;
  let held = 0;
  for (let k = 0; k < weights.length; k++) {
    total += weights[k]!;
    held += weights[k]! * found[k]!;
  }
  return total > 0 ? held / total : 0;
}

/** The sentences of a paragraph with what each holds of the question (text analysed once per passage). */
function sentencesOf(index: PassageIndex, matcher: Matcher, passages: readonly Passage[]): SentenceRef[] {
  const sentences: SentenceRef[] = [];
  for (const p of passages) {
    p.sentences.forEach((sentence, at) => {
      // The index stores each sentence's term ids: reading a candidate analyses no text.
      const ids = index.sentenceTermIds(p.id, at);
      sentences.push({ passage: p, sentence, at, ids, credits: sentenceCredits(matcher, ids) });
    });
  }
  return sentences;
}

/** What a candidate quote is scored on: shares and ratios of about 0 to 1 (see RANKING.scoreWeights and docs/ranking.md). */
export type WindowFeatures = Record<keyof typeof RANKING.scoreWeights, number>;

/** A candidate quote: a window of a paragraph, with what it is scored on. */
interface Candidate {
  judged: Judged;
  window: Window;
  sentences: SentenceRef[];
  features: WindowFeatures;
  /** Its features weighed by RANKING.scoreWeights. */
  score: number;
}

/** The candidate quotes for a question (see scoredWindows), or none when its evidence says it is not answered. */
function answerQuotes(index: PassageIndex, matcher: Matcher, limit: number, filter: SearchFilter): Candidate[] {
  const { candidates, quotes } = scoredWindows(index, matcher, limit, filter);
  return weighsEnough(evidenceOf(matcher, candidates, quotes)) ? quotes : [];
}

/**
 * A question's candidate paragraphs, best by BM25 first, and its candidate quotes: the best window
 * of each of the paragraphs best by BM25 (RANKING.windowed) and its second-best window apart from
 * it, each with its features and score.
 */
function scoredWindows(index: PassageIndex, matcher: Matcher, limit: number, filter: SearchFilter): { candidates: Judged[]; quotes: Candidate[] } {
  const candidates = judgeParagraphs(index, matcher, limit, filter).sort((a, b) => b.bm25 - a.bm25 || a.passage.id - b.passage.id);
  const judged = candidates.slice(0, Math.max(limit, RANKING.windowed));
  const topBm25 = Math.max(0, ...judged.map((j) => j.bm25));
  // An article many of whose passages meet the question is likelier its topic.
  const articleEvidence = new Map<Passage['document'], number>();
  for (const j of candidates) articleEvidence.set(j.passage.document, (articleEvidence.get(j.passage.document) ?? 0) + j.bm25);
  const topArticle = Math.max(0, ...articleEvidence.values());
  const quotes: Candidate[] = [];
  const inArticle = new Map<Passage['document'], number[]>();
  for (const j of judged) {
    const sentences = sentencesOf(index, matcher, j.passages);
    const facts = sentenceFacts(index, matcher, sentences);
    const headline = headlineTerms(j.passage.document);
    const headlineShare = share(matcher, matcher.terms.map((t) => (headline.has(t.term) ? 1 : 0)));
    let articleIdf = inArticle.get(j.passage.document);
    if (!articleIdf) inArticle.set(j.passage.document, (articleIdf = idfInArticle(index, matcher, j.passage)));
    const paragraphShare = share(matcher, j.found);
    const paragraphInArticle = weightedShare(articleIdf, j.found);
    const add = (window: Window, bm25: number) => {
      const features: WindowFeatures = {
        bm25: topBm25 > 0 ? bm25 / topBm25 : 0,
        held: window.held,
        holdsAnswerType: window.holds ? 1 : 0,
        heldWithAnswerType: window.holds ? window.held : 0,
        bestSentence: window.strongest,
        article: topArticle > 0 ? (articleEvidence.get(j.passage.document) ?? 0) / topArticle : 0,
        paragraph: paragraphShare,
        length: (window.window.end - window.window.start) / RANKING.windowMaxChars,
        wholeWords: share(matcher, window.found.map((f) => (f === 1 ? 1 : 0))),
        headline: headlineShare,
        heldRare: share(matcher, window.found, 2),
        paragraphInArticle,
      };
      quotes.push({ judged: j, window, sentences, features, score: scoreOf(features) });
    };
    const best = bestWindow(matcher, facts);
    // A window holding nothing of the question (a byline under a matching headline) is no quote.
    if (best.held === 0) continue;
    add(best, j.bm25);
    if (RANKING.secondWindowWeight > 0) {
      // A long paragraph may answer twice: its next best window, apart from the first, ranks on its own merit.
      const second = bestWindow(matcher, facts, best.window);
      if (second.value > 0) add(second, j.bm25 * RANKING.secondWindowWeight);
    }
  }
  return { candidates, quotes };
}

/**
 * The candidate quotes of a question with their features, as /ask ranks them, abstention off
 * (for learning RANKING.scoreWeights: the abstention weighs the best score, so it must not also
 * choose which questions the scores are learned from).
 */
export function unfilteredQuotes(index: PassageIndex, question: string): Candidate[] {
  const matcher = questionMatcher(index, question);
  return matcher.terms.length === 0 ? [] : scoredWindows(index, matcher, 0, {}).quotes;
}

/** What says whether a question is answered at all (see RANKING.abstention). */
export type Evidence = Record<keyof typeof RANKING.abstention.weights, number>;

/**
 * A question's evidence: how much of it the best paragraph holds (rarer words weighing more) and
 * how many of its words as written; how much of it lies in no passage; how much the best sentence
 * and window hold; the best candidate quote's score. Shares and counts comparable across corpora.
 */
function evidenceOf(matcher: Matcher, judged: readonly Judged[], quotes: readonly Candidate[]): Evidence {
  let paragraphRare = 0;
  let wholeWords = 0;
  for (const j of judged) {
    paragraphRare = Math.max(paragraphRare, share(matcher, j.found, 2));
    wholeWords = Math.max(wholeWords, wholeWordsIn(j.found));
  }
  let bestSentence = 0;
  let windowRare = 0;
  let score = 0;
  for (const q of quotes) {
    bestSentence = Math.max(bestSentence, q.window.strongest);
    windowRare = Math.max(windowRare, q.features.heldRare);
    score = Math.max(score, q.score);
  }
  const terms = matcher.terms.length;
  return {
    paragraphRare,
    wholeWords,
    wholeShare: terms === 0 ? 0 : wholeWords / terms,
    terms,
    unknown: share(matcher, matcher.terms.map((t) => (t.id === undefined ? 1 : 0)), 2),
    bestSentence,
    windowRare,
    score,
  };
}

const EVIDENCE = Object.keys(RANKING.abstention.weights) as (keyof Evidence)[];

/** Answer when the question's evidence weighs enough and its best paragraph holds one of its words as written. */
function weighsEnough(evidence: Evidence): boolean {
  if (evidence.wholeWords < RANKING.minWholeWords) return false;
  let sum = RANKING.abstention.bias;
  for (const name of EVIDENCE) sum += RANKING.abstention.weights[name] * evidence[name];
  return sum >= 0;
}

/** A question's evidence with abstention off (for learning RANKING.abstention); undefined when it has no searchable word. */
export function questionEvidence(index: PassageIndex, question: string): Evidence | undefined {
  const matcher = questionMatcher(index, question);
  if (matcher.terms.length === 0) return undefined;
  const { candidates, quotes } = scoredWindows(index, matcher, 0, {});
  return evidenceOf(matcher, candidates, quotes);
}

const FEATURES = Object.keys(RANKING.scoreWeights) as (keyof WindowFeatures)[];

/** A candidate quote's score: its features weighed by RANKING.scoreWeights (read when scored: a tuning script may change them). */
function scoreOf(features: WindowFeatures): number {
  let score = 0;
  for (const name of FEATURES) score += RANKING.scoreWeights[name] * features[name];
  return score;
}

/**
 * Paragraphs that answer the question, best first, at most `limit`, each with the window to
 * quote (see answerQuotes, scoreOf).
 */
export function rankParagraphs(index: PassageIndex, question: string, limit: number, filter: SearchFilter = {}): { matcher: Matcher; hits: RankedHit[] } {
  const matcher = questionMatcher(index, question);
  if (matcher.terms.length === 0 || limit <= 0) return { matcher, hits: [] };
  const ranked = answerQuotes(index, matcher, limit, filter);
  ranked.sort((a, b) => b.score - a.score || a.window.passage.id - b.window.passage.id);
  const hits = ranked.slice(0, limit).map((c): RankedHit => {
    const { window } = c.window;
    let terms: Set<number> | undefined;
    const windowTerms = () =>
      (terms ??= new Set(c.sentences.filter((s) => s.sentence.start >= window.start && s.sentence.end <= window.end).flatMap((s) => [...s.ids])));
    return { passage: c.window.passage, passages: c.judged.passages, window, found: c.judged.found, score: c.score, windowTerms };
  });
  return { matcher, hits };
}

/** Every passage of every paragraph on a topic (the same rule as /ask, no quote windows), for the timeline. */
export function passagesOnTopic(index: PassageIndex, topic: string): Set<Passage> {
  const matcher = questionMatcher(index, topic);
  if (matcher.terms.length === 0) return new Set();
  const judged = judgeParagraphs(index, matcher, index.passages.length, {});
  return new Set(judged.some((j) => coversTopic(matcher, j.found)) ? judged.flatMap((j) => j.passages) : []);
}
