import { describe, expect, it } from 'vitest';
import { evaluate, loadQa } from '../eval/evaluate.js';
import { seedVerbatim } from './helpers/seeds.js';

describe('answer quality on the evaluation set (npm run eval)', () => {
  const qa = loadQa();
  const result = evaluate(seedVerbatim(), qa);

  it('has enough questions: at least 40 reader questions and 8 off-topic ones', () => {
    expect(qa.questions.length).toBeGreaterThanOrEqual(40);
    expect(qa.offTopic.length).toBeGreaterThanOrEqual(8);
  });

  it('ranks a right quote first for at least 95 % of questions and in the top 3 for all', () => {
    expect(result.verbatim.hitAt1, JSON.stringify(result.misses, null, 1)).toBeGreaterThanOrEqual(0.95);
    expect(result.verbatim.hitAt3, JSON.stringify(result.misses, null, 1)).toBe(1);
  });

  it('answers no off-topic question', () => {
    expect(result.falseAnswers).toEqual([]);
    expect(result.verbatim.abstained).toBe(qa.offTopic.length);
  });

  it('is never below the plain BM25 baseline', () => {
    expect(result.verbatim.hitAt1).toBeGreaterThanOrEqual(result.baseline.hitAt1);
    expect(result.verbatim.hitAt3).toBeGreaterThanOrEqual(result.baseline.hitAt3);
    expect(result.verbatim.mrr).toBeGreaterThanOrEqual(result.baseline.mrr);
  });
});
