// Words near a question's word: near forms, WordNet links and the corpus word a misspelling meant.
import type { LinkKind } from './lexicon/wordnet.js';
import type { NearForm } from './searchIndex.js';

const NEAR_FORM_MIN_PREFIX = 4;
const SPELLING_MIN_LENGTH = 5;
const SPELLING_TWO_EDITS_LENGTH = 9;

/** Optimal string alignment distance (adjacent swaps count one), or more than `most` once it must be. */
function editDistance(a: string, b: string, most: number): number {
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > most) return most + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[b.length]!;
}
const NEAR_FORM_MIN_SHARED = 5;
const NEAR_FORM_MIN_SHARE = 0.7;

/** The first position in a sorted list whose value is not below `value`. */
export function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The corpus terms WordNet links a word to, by kind, in sorted order. */
export type LinksOf = (kind: LinkKind, word: string) => readonly string[];

/** Terms of several sorted lists that start with `prefix`, in sorted order. */
function* withPrefix(lists: readonly (readonly string[])[], prefix: string): Generator<string> {
  if (lists.length === 1) {
    const sorted = lists[0]!;
    for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i]!.startsWith(prefix); i++) yield sorted[i]!;
    return;
  }
  const runs = lists.map((sorted) => {
    const run: string[] = [];
    for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i]!.startsWith(prefix); i++) run.push(sorted[i]!);
    return run;
  });
  yield* runs.flat().sort();
}

/**
 * Near forms from the sorted vocabulary lists: every candidate starts with the word's first 4
 * letters. Only live terms count (`live`): a term whose every passage was removed is no form.
 */
export function nearFormsOf(lists: readonly (readonly string[])[], linksOf: LinksOf, live: (term: string) => boolean): (term: string) => NearForm[] {
  const cache = new Map<string, NearForm[]>();
  const kinds = ['synonym', 'family', 'broader'] as const;
  return (term) => {
    let forms = cache.get(term);
    if (forms) return forms;
    forms = kinds.flatMap((kind) => linksOf(kind, term).filter(live).map((word): NearForm => ({ term: word, closeness: 1, kind })));
    if (term.length < NEAR_FORM_MIN_PREFIX || /^\d/.test(term)) return forms;
    const stem = term.slice(0, NEAR_FORM_MIN_PREFIX);
    for (const candidate of withPrefix(lists, stem)) {
      if (candidate === term || forms.some((f) => f.term === candidate) || !live(candidate)) continue;
      let shared = 0;
      while (shared < candidate.length && candidate[shared] === term[shared]) shared++;
      const shorter = Math.min(candidate.length, term.length);
      if (shared === shorter || (shared >= NEAR_FORM_MIN_SHARED && shared >= NEAR_FORM_MIN_SHARE * shorter)) {
        forms.push({ term: candidate, closeness: shared / Math.max(candidate.length, term.length), kind: 'form' });
      }
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(term, forms);
    return forms;
  };
}

/**
 * The indexed term a misspelt word most likely meant (see PassageIndex.spellingOf), from the sorted
 * vocabulary and each term's passage frequency.
 */
export function spellingOf(lists: readonly (readonly string[])[], frequency: (term: string) => number): (term: string) => string | undefined {
  return (term) => {
    if (term.length < SPELLING_MIN_LENGTH || /\d/.test(term)) return undefined;
    const most = term.length >= SPELLING_TWO_EDITS_LENGTH ? 2 : 1;
    let best: string | undefined;
    let bestDistance = Infinity;
    let bestFrequency = -1;
    // Every candidate shares the first letter: a sorted vocabulary gives them as one run.
    for (const candidate of withPrefix(lists, term[0]!)) {
      if (Math.abs(candidate.length - term.length) > most) continue;
      const distance = editDistance(term, candidate, most);
      if (distance > most) continue;
      const df = frequency(candidate);
      if (df === 0) continue;
      if (distance < bestDistance || (distance === bestDistance && df > bestFrequency)) [best, bestDistance, bestFrequency] = [candidate, distance, df];
    }
    return best;
  };
}
