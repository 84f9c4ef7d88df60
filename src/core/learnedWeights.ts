import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The features a candidate quote is scored on (see WindowFeatures in rank.ts). */
const SCORE_FEATURES = ['bm25', 'held', 'holdsAnswerType', 'heldWithAnswerType', 'bestSentence', 'article', 'paragraph', 'length', 'wholeWords', 'headline', 'heldRare', 'paragraphInArticle'] as const;
/** The evidence that says whether a question is answered at all (see Evidence in rank.ts). */
const EVIDENCE_FEATURES = ['paragraphRare', 'wholeWords', 'wholeShare', 'terms', 'unknown', 'bestSentence', 'windowRare', 'score'] as const;
/** What makes a quote a good summary of its date (see keyDates.ts). */
export const REPORT_FEATURES = ['central', 'agreed', 'onSubject', 'words', 'daysAfter', 'paragraph'] as const;

const weightsOf = <Names extends readonly [string, ...string[]]>(names: Names) => z.object(Object.fromEntries(names.map((n) => [n, z.number()])) as { [K in Names[number]]: z.ZodNumber }).strict();

const learnedSchema = z.object({
  about: z.string(),
  scoreWeights: weightsOf(SCORE_FEATURES),
  abstention: z.object({ bias: z.number(), weights: weightsOf(EVIDENCE_FEATURES) }).strict(),
  reportWeights: weightsOf(REPORT_FEATURES),
});

export type LearnedWeights = z.infer<typeof learnedSchema>;

export const LEARNED_WEIGHTS_FILE = new URL('./learnedWeights.json', import.meta.url);

/**
 * The weights the learning scripts wrote (learnedWeights.json), checked against the features the
 * code knows: a renamed or missing feature stops the program at start, not with a NaN score.
 */
export const LEARNED: LearnedWeights = learnedSchema.parse(JSON.parse(readFileSync(LEARNED_WEIGHTS_FILE, 'utf8')));
