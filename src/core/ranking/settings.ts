import { LEARNED } from '../learnedWeights.js';

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
  /**
   * A question refused as asked is read again without its one stray word (a word no passage has,
   * "who retook the city code"), and answered only when one sentence holds this share of its other
   * words and its evidence is this far past the usual line. Chosen by `npx tsx eval/learnStray.ts`
   * on the tuning half only.
   */
  stray: { sentenceShare: 0.9, margin: 6 },
} as const;
