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

/** How far the question's evidence is past the line where it is answered (answered from 0 up). */
function weight(evidence: Evidence): number {
  let sum = RANKING.abstention.bias;
  for (const name of EVIDENCE) sum += RANKING.abstention.weights[name] * evidence[name];
  return sum;
}

/** Answer when the question's evidence weighs enough and its best paragraph holds one of its words as written. */
function weighsEnough(evidence: Evidence, margin = 0): boolean {
  return evidence.wholeWords >= RANKING.minWholeWords && weight(evidence) >= margin;
}

/** What eval/learnStray.ts weighs: how far past the line a question is as asked, and read without its stray word. */
export interface StrayEvidence {
  /** -Infinity when its best paragraph holds none of its words as written. */
  asked: number;
  withoutStray?: { weight: number; wholeShare: number; bestSentence: number };
}

export function strayEvidence(index: PassageIndex, question: string): StrayEvidence | undefined {
  const matcher = questionMatcher(index, question);
  if (matcher.terms.length === 0) return undefined;
  const judged = (m: Matcher) => {
    const { candidates, quotes } = scoredWindows(index, m, 0, {});
    const evidence = evidenceOf(m, candidates, quotes);
    return { evidence, weight: evidence.wholeWords >= RANKING.minWholeWords ? weight(evidence) : -Infinity };
  };
  const asked = judged(matcher).weight;
  const lenient = questionMatcher(index, question, true);
  if (!lenient.strayLetGo) return { asked };
  const { evidence, weight: w } = judged(lenient);
  return { asked, withoutStray: { weight: w, wholeShare: evidence.wholeShare, bestSentence: evidence.bestSentence } };
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
  const evidence = evidenceOf(matcher, candidates, quotes);
  if (!matcher.strayLetGo) return weighsEnough(evidence) ? quotes : [];
  // "Otherwise well matched": every other word in the best paragraph as written, and in one sentence.
  const wellMatched = evidence.wholeShare >= 1 && evidence.bestSentence >= RANKING.stray.sentenceShare;
  return wellMatched && weighsEnough(evidence, RANKING.stray.margin) ? quotes : [];
}
