// Each candidate quote's features and its learned score.
import type { PassageIndex, SearchFilter } from '../searchIndex.js';
import type { Passage } from '../types.js';
import { headlineTerms, idfInArticle, judgeParagraphs, type Judged } from './paragraphs.js';
import { questionMatcher, share, weightedShare, type Matcher } from './question.js';
import { RANKING } from './settings.js';
import { bestWindow, sentenceFacts, sentencesOf, type SentenceRef, type Window } from './windows.js';

/** What a candidate quote is scored on: shares and ratios of about 0 to 1 (see RANKING.scoreWeights and docs/ranking.md). */
export type WindowFeatures = Record<keyof typeof RANKING.scoreWeights, number>;

/** A candidate quote: a window of a paragraph, with what it is scored on. */
export interface Candidate {
  judged: Judged;
  window: Window;
  sentences: SentenceRef[];
  features: WindowFeatures;
  /** Its features weighed by RANKING.scoreWeights. */
  score: number;
}

/**
 * A question's candidate paragraphs, best by BM25 first, and its candidate quotes: the best window
 * of each of the paragraphs best by BM25 (RANKING.windowed) and its second-best window apart from
 * it, each with its features and score.
 */
export function scoredWindows(index: PassageIndex, matcher: Matcher, limit: number, filter: SearchFilter): { candidates: Judged[]; quotes: Candidate[] } {
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
    const headline = headlineTerms(index, j.passage.document);
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

const FEATURES = Object.keys(RANKING.scoreWeights) as (keyof WindowFeatures)[];

/** A candidate quote's score: its features weighed by RANKING.scoreWeights (read when scored: a tuning script may change them). */
function scoreOf(features: WindowFeatures): number {
  let score = 0;
  for (const name of FEATURES) score += RANKING.scoreWeights[name] * features[name];
  return score;
}
