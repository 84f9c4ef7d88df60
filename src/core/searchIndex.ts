// Querying an index: BM25 top-k search over the built weights (see indexBuild.ts, nearForms.ts).
import type { AnalyzedCorpus } from './analyzeCorpus.js';
import type { Passage } from './types.js';
import { buildIndexData, WEIGHT_SCALE, type IndexData, type IndexSettings } from './indexBuild.js';
import { lowerBound, nearFormsOf, spellingOf } from './nearForms.js';
import type { LinkKind } from './lexicon/wordnet.js';

export interface SearchFilter {
  /** Keep only passages of this outlet (exact name). */
  outlet?: string;
  /** Keep only passages of documents published on or after / before this ISO date. */
  from?: string;
  to?: string;
}

/** BM25's inverse document frequency (Lucene's form, never negative): `total` documents, `df` holding the term. */
export function bm25Idf(total: number, df: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

/** An indexed word close to a question's word: in form (closeness is shared prefix / longer word) or linked by WordNet (closeness 1). */
export interface NearForm {
  term: string;
  closeness: number;
  /** Another form of the word ("governor" for "govern"), or a WordNet link (see LinkKind); they count differently. */
  kind: 'form' | LinkKind;
}

/** A query term and how much it counts (1 for the question's own words, less for near forms). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

interface SearchHit {
  passage: Passage;
  score: number;
}

export interface PassageIndex {
  passages: readonly Passage[];
  /** The top `limit` passages for weighted query terms, best first; ties go to the earlier passage. */
  search(terms: readonly WeightedTerm[], limit: number, filter?: SearchFilter): SearchHit[];
  /** Inverse document frequency of a term over passages; unseen terms get the highest value. */
  idf(term: string): number;
  /** Whether any passage or title holds the term. */
  knows(term: string): boolean;
  /** The id of an indexed term, or undefined. */
  termId(term: string): number | undefined;
  /** The ids of the distinct terms of a passage's own text, ascending (stored with the index). */
  passageTermIds(passageId: number): Uint32Array;
  /** The term ids of a passage's `at`-th sentence, in reading order (stored with the index). */
  sentenceTermIds(passageId: number, at: number): Uint32Array;
  /** How many of the passages first..last (ids) hold the term in their text or title. */
  passagesHolding(termId: number, first: number, last: number): number;
  /** How many terms the index knows (term ids are below it). */
  readonly vocabularySize: number;
  /**
   * Indexed terms that are near forms of `term` ("govern" → "governor", "meet" → "meeting",
   * "mobilise" → "mobilize"): one is a prefix of the other (4 letters or more), or they share a
   * prefix of at least 5 letters and 70 % of the shorter ("assault" and "assad" are not).
   */
  nearForms(term: string): NearForm[];
  /**
   * The indexed term a misspelt word most likely meant: one edit away (two for long words: a
   * letter added, dropped, changed or two swapped), same first letter, the most frequent such
   * term; undefined when there is none.
   */
  spellingOf(term: string): string | undefined;
  /** What the ranking works out once per index and keeps (see ranking/memo.ts): it lives and dies with this index. */
  readonly memos: Map<string, unknown>;
}

/**
 * Search over index data: a top-k selection over the consolidated weights instead of wink's
 * score-and-sort-everything `search()` — the same scores and order, and query terms can carry
 * weights.
 */
export function searchIndexOf(data: IndexData, passages: readonly Passage[]): PassageIndex {
  const { vocabulary } = data;
  const termIndex = {
    get(term: string): number | undefined {
      const at = lowerBound(vocabulary, term);
      return vocabulary[at] === term ? at : undefined;
    },
  };
  const total = Math.max(passages.length, 1);
  const scores = new Float64Array(passages.length);
  const touched = new Uint8Array(passages.length);
  // Ids of the passages a query touches, reused across queries: no allocation per posting.
  const hits = new Uint32Array(passages.length);
  const frequency = (term: string) => {
    const t = termIndex.get(term);
    return t === undefined ? 0 : data.offsets[t + 1]! - data.offsets[t]!;
  };
  const idf = (term: string) => bm25Idf(total, frequency(term));

  return {
    passages,
    idf,
    memos: new Map(),
    knows: (term) => termIndex.get(term) !== undefined,
    termId: (term) => termIndex.get(term),
    passageTermIds: (id) => data.bodyTerms.subarray(data.bodyOffsets[id]!, data.bodyOffsets[id + 1]!),
    sentenceTermIds(id, at) {
      const k = data.firstSentence[id]! + at;
      return data.sentenceTerms.subarray(data.sentenceOffsets[k]!, data.sentenceOffsets[k + 1]!);
    },
    passagesHolding(t, first, last) {
      const start = data.offsets[t]!;
      const end = data.offsets[t + 1]!;
      return lowerBoundOfIds(data.passageIds, last + 1, start, end) - lowerBoundOfIds(data.passageIds, first, start, end);
    },
    vocabularySize: vocabulary.length,
    nearForms: nearFormsOf(vocabulary, data.links),
    spellingOf: spellingOf(vocabulary, frequency),
    search(terms, limit, filter = {}) {
      if (terms.length === 0 || limit <= 0) return [];
      const filtered = filter.outlet !== undefined || filter.from !== undefined || filter.to !== undefined;
      const keep = (id: number) => {
        const { outlet, published } = passages[id]!.document;
        return (
          (filter.outlet === undefined || outlet === filter.outlet) &&
          (filter.from === undefined || published >= filter.from) &&
          (filter.to === undefined || published <= filter.to)
        );
      };
      let hitCount = 0;
      const { offsets, passageIds, weights } = data;
      for (const { term, weight } of terms) {
        const t = termIndex.get(term);
        if (t === undefined) continue;
        const scale = weight / WEIGHT_SCALE;
        for (let i = offsets[t]!, end = offsets[t + 1]!; i < end; i++) {
          const id = passageIds[i]!;
          if (touched[id] === 0) {
            if (filtered && !keep(id)) continue;
            touched[id] = 1;
            scores[id] = 0;
            hits[hitCount++] = id;
          }
          // The same arithmetic as wink (weight / 10,000, then summed in query order) for a plain term.
          scores[id]! += weight === 1 ? weights[i]! / WEIGHT_SCALE : weights[i]! * scale;
        }
      }
      const top = topK(hits, hitCount, scores, limit);
      for (let i = 0; i < hitCount; i++) touched[hits[i]!] = 0;
      return top.map((id) => ({ passage: passages[id]!, score: scores[id]! }));
    },
  };
}

/** Builds and opens an index in one step (small corpora, tests). */
export function buildIndex(analyzed: AnalyzedCorpus, settings: IndexSettings = {}): PassageIndex {
  return searchIndexOf(buildIndexData(analyzed, settings), analyzed.passages);
}

/** The same over sorted[start..end) of passage ids: one function for both list types made /ask 0.05 ms slower on the Brown corpus (its look-ups no longer monomorphic). */
function lowerBoundOfIds(sorted: Uint32Array, value: number, start: number, end: number): number {
  let low = start;
  let high = end;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The `limit` best ids by score, best first, ties to the lower id (as wink orders them). */
function topK(ids: Uint32Array, count: number, scores: Float64Array, limit: number): number[] {
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  // A min-heap of the best `limit` seen so far, its worst at the root: O(n log k), and most
  // candidates are turned away by one comparison with the root's score.
  const heap: number[] = [];
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
  let n = 0;
  for (; n < count && heap.length < limit; n++) {
    heap.push(ids[n]!);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!better(heap[parent]!, heap[i]!)) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }
  if (heap.length === 0) return [];
  let floor = scores[heap[0]!]!;
  for (; n < count; n++) {
    const id = ids[n]!;
    const score = scores[id]!;
    if (score < floor || (score === floor && id > heap[0]!)) continue;
    heap[0] = id;
    down(0);
    floor = scores[heap[0]!]!;
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}
