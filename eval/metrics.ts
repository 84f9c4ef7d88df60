import type { EvalSet } from './sets.js';

/** What a system gives for one question: its quotes, best first (none = it abstained). */
export type Answerer = (question: string) => string[];

export interface Scores {
  questions: number;
  /** Share of answerable questions whose first quote holds an answer. */
  hitAt1: number;
  hitAt3: number;
  /** Mean reciprocal rank of the first quote holding an answer, within the first three. */
  mrr: number;
  /** Share of answerable questions answered with nothing. */
  noMatch: number;
  /** Off-topic questions answered with nothing, and how many there were. */
  abstained: number;
  offTopic: number;
  /** Median length in characters of the first quote, over answered questions. */
  medianQuote: number;
}

interface Miss {
  q: string;
  expect: string[];
  rank: number | null;
  first: string | undefined;
}

export interface Evaluation {
  scores: Scores;
  misses: Miss[];
  falseAnswers: string[];
}

/** 1-based rank of the first quote that contains an expected text, or null. */
function rankOf(quotes: readonly string[], expected: readonly string[]): number | null {
  const at = quotes.findIndex((quote) => expected.some((text) => quote.includes(text)));
  return at === -1 ? null : at + 1;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function evaluateSet(set: EvalSet, answer: Answerer): Evaluation {
  const ranks: (number | null)[] = [];
  const misses: Miss[] = [];
  const firstLengths: number[] = [];
  let unanswered = 0;
  for (const { q, expect } of set.questions) {
    const quotes = answer(q).slice(0, 3);
    const rank = rankOf(quotes, expect);
    ranks.push(rank);
    if (quotes.length === 0) unanswered++;
    else firstLengths.push(quotes[0]!.length);
    if (rank !== 1) misses.push({ q, expect, rank, first: quotes[0] });
  }
  const falseAnswers = set.offTopic.filter((q) => answer(q).length > 0);
  const n = Math.max(1, ranks.length);
  return {
    scores: {
      questions: ranks.length,
      hitAt1: ranks.filter((r) => r === 1).length / n,
      hitAt3: ranks.filter((r) => r !== null && r <= 3).length / n,
      mrr: ranks.reduce((sum: number, r) => sum + (r === null ? 0 : 1 / r), 0) / n,
      noMatch: unanswered / n,
      abstained: set.offTopic.length - falseAnswers.length,
      offTopic: set.offTopic.length,
      medianQuote: median(firstLengths),
    },
    misses,
    falseAnswers,
  };
}

export function formatRow(system: string, s: Scores): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return `| ${system} | ${s.hitAt1.toFixed(3)} | ${s.hitAt3.toFixed(3)} | ${s.mrr.toFixed(3)} | ${pct(s.noMatch)} | ${s.abstained}/${s.offTopic} | ${s.medianQuote} |`;
}

export const TABLE_HEAD = ['| system | first quote | top 3 | MRR | no match (answerable) | off-topic abstained | median quote chars |', '|---|---:|---:|---:|---:|---:|---:|'];
