// Candidate paragraphs: fetched from the index and judged by how much of the question they hold; the timeline's topic rule.
import { analyze } from '../analyzer.js';
import { bm25Idf, type PassageIndex, type SearchFilter } from '../searchIndex.js';
import type { Passage } from '../types.js';
import { memo } from './memo.js';
import { questionMatcher, share, wholeWordsIn, type Matcher } from './question.js';
import { RANKING } from './settings.js';

/** The index terms of an article's headline, worked out once per article. */
export function headlineTerms(index: PassageIndex, document: Passage['document']): Set<string> {
  const headlines = memo(index, 'headlines', () => new Map<Passage['document'], Set<string>>());
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

/** A candidate paragraph: its passages, its BM25 and how much of the question it holds. */
export interface Judged {
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
export function judgeParagraphs(index: PassageIndex, matcher: Matcher, limit: number, filter: SearchFilter): Judged[] {
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
    const headline = headlineTerms(index, passage.document);
    matcher.terms.forEach((t, i) => {
      if (found[i]! < RANKING.titleOnlyWeight && headline.has(t.term)) found[i] = RANKING.titleOnlyWeight;
    });
    if (share(matcher, found) < Math.min(RANKING.minCoverageOthers, RANKING.minCoverageWithThreeWords)) continue;
    judged.push({ passage, passages, bm25: top, found });
  }
  return judged;
}

/** The first and last passage ids of a passage's article (an article's passages are consecutive), kept per article. */
function articleRange(index: PassageIndex, passage: Passage): [number, number] {
  const articleRanges = memo(index, 'articleRanges', () => new Map<Passage['document'], [number, number]>());
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
export function idfInArticle(index: PassageIndex, matcher: Matcher, passage: Passage): number[] {
  const [first, last] = articleRange(index, passage);
  const frequency = matcher.terms.map(({ id }) => (id === undefined ? 0 : index.passagesHolding(id, first, last)));
  const total = last - first + 1;
  return frequency.map((df) => bm25Idf(total, df));
}

/** Is a paragraph on the timeline's topic? Shares of IDF are comparable across topics; BM25 scores are not. */
function coversTopic(matcher: Matcher, found: readonly number[]): boolean {
  const covered = share(matcher, found, RANKING.coverageExponent);
  const whole = wholeWordsIn(found);
  if (whole < RANKING.minWholeWords) return false;
  return covered >= RANKING.minCoverage || (covered >= RANKING.minCoverageWithThreeWords && whole >= 3);
}

/** Every passage of every paragraph on a topic (the same rule as /ask, no quote windows), for the timeline. */
export function passagesOnTopic(index: PassageIndex, topic: string): Set<Passage> {
  const matcher = questionMatcher(index, topic);
  if (matcher.terms.length === 0) return new Set();
  const judged = judgeParagraphs(index, matcher, index.passages.length, {});
  return new Set(judged.some((j) => coversTopic(matcher, j.found)) ? judged.flatMap((j) => j.passages) : []);
}
