// What every bench shares: percentiles, a seeded generator, and questions made of a corpus's own words.
import type { Verbatim } from '../src/core/verbatim.js';
import { STOP_WORDS } from '../src/core/lexicon/stopwords.js';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** A seeded generator, so every run asks the same questions of the same corpus. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Questions made of 2-3 content words of random passages: what a reader might type. */
export function makeQueries(verbatim: Verbatim, count: number, seed: number): string[] {
  const next = random(seed);
  const queries: string[] = [];
  while (queries.length < count) {
    const p = verbatim.passages[Math.floor(next() * verbatim.passages.length)]!;
    const words = (p.document.body.slice(p.start, p.end).match(/\p{L}{4,}/gu) ?? []).filter((w) => !STOP_WORDS.has(w.toLowerCase()));
    if (words.length < 3) continue;
    const n = 2 + Math.floor(next() * 2);
    queries.push(Array.from({ length: n }, () => words[Math.floor(next() * words.length)]!).join(' '));
  }
  return queries;
}
