import bm25 from 'wink-bm25-text-search';
import { analyze } from './analyzer.js';
import type { Passage } from './types.js';

export interface SearchFilter {
  /** Keep only passages of this outlet (exact name). */
  outlet?: string;
  /** Keep only passages of documents published on or after / before this ISO date. */
  from?: string;
  to?: string;
}

/** An indexed word close in form to a question's word; closeness is shared prefix / longer word. */
export interface NearForm {
  term: string;
  closeness: number;
}

/** A query term and how much it counts (1 for the question's own words, less for near forms). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface SearchHit {
  passage: Passage;
  score: number;
}

export interface PassageIndex {
  passages: readonly Passage[];
  /** The top `limit` passages for weighted query terms, best first; ties go to the earlier passage. */
  search(terms: readonly WeightedTerm[], limit: number, filter?: SearchFilter): SearchHit[];
  /** Inverse document frequency of a term over passages; unseen terms get the highest value. */
  idf(term: string): number;
  /** Where the term occurs for a passage: in its own text, only in its document's title, or not at all. */
  occurrence(passageId: number, term: string): 'body' | 'title' | undefined;
  /**
   * Indexed terms that are near forms of `term` ("govern" → "governor", "meet" → "meeting",
   * "mobilise" → "mobilize"): one is a prefix of the other (4 letters or more), or they share a
   * prefix of at least 5 letters and 70 % of the shorter ("assault" and "assad" are not).
   */
  nearForms(term: string): NearForm[];
}

/** Field weights: the headline counts, but less than the passage's own words. */
export const FIELD_WEIGHTS = { title: 0.5, body: 1 } as const;
export const BM25_PARAMS = { k1: 1.2, b: 0.5, k: 1 } as const;

/** wink-bm25-text-search refuses to consolidate fewer documents than this. */
const WINK_MIN_DOCUMENTS = 3;

const splitTerms = (text: string): string[] => (text === '' ? [] : text.split(' '));

/** The consolidated BM25 weights, term by term, in typed arrays (compressed sparse rows). */
interface Postings {
  termIndex: Map<string, number>;
  /** Postings of term t are offsets[t] .. offsets[t + 1]. */
  offsets: Uint32Array;
  passageIds: Uint32Array;
  weights: Float64Array;
}

/**
 * Builds the BM25 weights with wink-bm25-text-search (fields title and body), then holds them
 * in typed arrays and scores with a top-k selection instead of wink's score-and-sort-everything
 * `search()`: the same scores and order, and query terms can carry weights.
 */
export function buildIndex(passages: readonly Passage[], fieldWeights: Record<string, number> = FIELD_WEIGHTS, params: { k1: number; b: number; k: number } = BM25_PARAMS): PassageIndex {
  const engine = bm25();
  engine.defineConfig({ fldWeights: { ...fieldWeights }, bm25Params: { ...params } });
  engine.definePrepTasks([splitTerms]);

  const titleTerms = new Map<string, string[]>();
  const titleSets = new Map<string, Set<string>>();
  const bodySets: Set<string>[] = [];
  const documentFrequency = new Map<string, number>();
  for (const passage of passages) {
    const { document } = passage;
    let title = titleTerms.get(document.id);
    if (!title) titleTerms.set(document.id, (title = analyze(document.title)));
    const body = analyze(document.body.slice(passage.start, passage.end));
    const terms = new Set([...title, ...body]);
    bodySets.push(new Set(body));
    if (!titleSets.has(document.id)) titleSets.set(document.id, new Set(title));
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    engine.addDoc({ title: title.join(' '), body: body.join(' ') }, passage.id);
  }
  // Empty stand-ins let a one-article corpus load; they hold no term, so they never match.
  for (let pad = passages.length; pad < WINK_MIN_DOCUMENTS; pad++) engine.addDoc({ title: '', body: '' }, `pad-${pad}`);
  engine.consolidate();

  const postings = postingsOf(engine.exportJSON());
  const total = Math.max(passages.length, 1);
  const scores = new Float64Array(passages.length);
  const touched = new Uint8Array(passages.length);

  return {
    passages,
    idf(term) {
      const df = documentFrequency.get(term) ?? 0;
      return Math.log(1 + (total - df + 0.5) / (df + 0.5));
    },
    occurrence(passageId, term) {
      if (bodySets[passageId]?.has(term)) return 'body';
      const passage = passages[passageId];
      return passage && titleSets.get(passage.document.id)?.has(term) ? 'title' : undefined;
    },
    nearForms: nearFormsOf([...documentFrequency.keys()]),
    search(terms, limit, filter = {}) {
      if (terms.length === 0 || limit <= 0) return [];
      const keep = (id: number) => {
        const { outlet, published } = passages[id]!.document;
        return (
          (filter.outlet === undefined || outlet === filter.outlet) &&
          (filter.from === undefined || published >= filter.from) &&
          (filter.to === undefined || published <= filter.to)
        );
      };
      const hitIds: number[] = [];
      for (const { term, weight } of terms) {
        const t = postings.termIndex.get(term);
        if (t === undefined) continue;
        for (let i = postings.offsets[t]!, end = postings.offsets[t + 1]!; i < end; i++) {
          const id = postings.passageIds[i]!;
          if (!touched[id]) {
            if (!keep(id)) continue;
            touched[id] = 1;
            scores[id] = 0;
            hitIds.push(id);
          }
          scores[id]! += weight === 1 ? postings.weights[i]! : postings.weights[i]! * weight;
        }
      }
      const top = topK(hitIds, scores, limit);
      for (const id of hitIds) touched[id] = 0;
      return top.map((id) => ({ passage: passages[id]!, score: scores[id]! }));
    },
  };
}

const NEAR_FORM_MIN_PREFIX = 4;
const NEAR_FORM_MIN_SHARED = 5;
const NEAR_FORM_MIN_SHARE = 0.7;

function nearFormsOf(vocabulary: string[]): (term: string) => NearForm[] {
  const sorted = vocabulary.filter((t) => !/^\d/.test(t)).sort();
  const cache = new Map<string, NearForm[]>();
  return (term) => {
    if (term.length < NEAR_FORM_MIN_PREFIX || /^\d/.test(term)) return [];
    let forms = cache.get(term);
    if (forms) return forms;
    const stem = term.slice(0, NEAR_FORM_MIN_PREFIX);
    // Binary search for the first term that starts with the 4-letter stem.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < stem) lo = mid + 1;
      else hi = mid;
    }
    forms = [];
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(stem); i++) {
      const candidate = sorted[i]!;
      if (candidate === term) continue;
      let shared = 0;
      while (shared < candidate.length && candidate[shared] === term[shared]) shared++;
      const shorter = Math.min(candidate.length, term.length);
      if (shared === shorter || (shared >= NEAR_FORM_MIN_SHARED && shared >= NEAR_FORM_MIN_SHARE * shorter)) {
        forms.push({ term: candidate, closeness: shared / Math.max(candidate.length, term.length) });
      }
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(term, forms);
    return forms;
  };
}

/** Reads wink's consolidated weights (its export layout, pinned by version) into typed arrays. */
function postingsOf(json: string): Postings {
  const [, , documents, invertedIdx, , token2Index] = JSON.parse(json) as [
    unknown,
    unknown,
    Record<string, { freq: Record<string, number> }>,
    (string | number)[][],
    unknown,
    Record<string, number>,
  ];
  const termIndex = new Map<string, number>();
  const offsets = new Uint32Array(invertedIdx.length + 1);
  let count = 0;
  for (let t = 0; t < invertedIdx.length; t++) {
    offsets[t] = count;
    count += invertedIdx[t]!.filter((id) => !String(id).startsWith('pad-')).length;
  }
  offsets[invertedIdx.length] = count;
  const passageIds = new Uint32Array(count);
  const weights = new Float64Array(count);
  for (const [token, t] of Object.entries(token2Index)) {
    termIndex.set(token, t);
    let at = offsets[t]!;
    for (const id of invertedIdx[t]!) {
      if (String(id).startsWith('pad-')) continue;
      passageIds[at] = Number(id);
      weights[at] = documents[id]!.freq[t]!;
      at++;
    }
  }
  return { termIndex, offsets, passageIds, weights };
}

/** The `limit` best ids by score, best first, ties to the lower id (as wink orders them). */
function topK(ids: number[], scores: Float64Array, limit: number): number[] {
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  // A min-heap of the best `limit` seen so far: O(n log k) instead of sorting every hit.
  const heap: number[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!better(heap[parent]!, heap[i]!)) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst]!, heap[l]!)) worst = l;
      if (r < heap.length && better(heap[worst]!, heap[r]!)) worst = r;
      if (worst === i) return;
      [heap[worst], heap[i]] = [heap[i]!, heap[worst]!];
      i = worst;
    }
  };
  for (const id of ids) {
    if (heap.length < limit) {
      heap.push(id);
      up(heap.length - 1);
    } else if (better(id, heap[0]!)) {
      heap[0] = id;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}
