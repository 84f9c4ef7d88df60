// Whether a question is answered at all: its evidence, weighed by learned weights.
import type { PassageIndex, SearchFilter } from '../searchIndex.js';
import type { Judged } from './paragraphs.js';
import { questionMatcher, share, wholeWordsIn, type Matcher } from './question.js';
import { scoredWindows, type Candidate } from './score.js';
import { RANKING } from './settings.js';

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

/** The candidate quotes for a question (see scoredWindows), or none when its evidence says it is not answered. */
export function answerQuotes(index: PassageIndex, matcher: Matcher, limit: number, filter: SearchFilter): Candidate[] {
  const { candidates, quotes } = scoredWindows(index, matcher, limit, filter);
  return weighsEnough(evidenceOf(matcher, candidates, quotes)) ? quotes : [];
}
