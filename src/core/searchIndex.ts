// Querying an index: BM25 top-k search over a live index's segments (see liveIndex.ts, nearForms.ts).
import type { AnalyzedCorpus } from './analyzeCorpus.js';
import type { Passage } from './types.js';
import { nearFormsOf, spellingOf, type LinksOf } from './nearForms.js';
import type { LinkKind } from './lexicon/wordnet.js';
import { lowerBoundOfIds, termSlot, type Segment } from './segment.js';
import type { DictionaryView } from './termDictionary.js';
import { LiveIndex, type IndexSettings } from './liveIndex.js';

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
  /** Passages by id; a removed passage keeps its slot (see `live`). */
  passages: readonly Passage[];
  /** The live passages, in id order. */
  live: readonly Passage[];
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

/** What a snapshot of a live index is made of (see liveIndex.ts); nothing in it changes after. */
export interface IndexState {
  dictionary: DictionaryView;
  segments: readonly Segment[];
  /** Passages by global id; a removed passage keeps its slot, marked in `removed`. */
  passages: readonly Passage[];
  removed: Uint8Array;
  /** Per term id: how many live passages hold it (title or body). */
  documentFrequency: Uint32Array;
  livePassages: number;
  /** Twice the summed weighted length of the live passages (see Segment.lengths). */
  totalLength: number;
  linksOf: LinksOf;
  bm25: { k1: number; b: number; k: number };
  /** The live passages, in id order. */
  live: readonly Passage[];
  scratch: SearchScratch;
}

/** Per-passage buffers of a search, at least as long as the passages; `touched` is all zeros between searches. */
export interface SearchScratch {
  scores: Float64Array;
  touched: Uint8Array;
  hits: Uint32Array;
}

/** wink-bm25-text-search refuses to consolidate fewer documents than this, and pads with empty ones. */
const WINK_MIN_DOCUMENTS = 3;

/**
 * BM25 over a live index's segments, scoring as wink-bm25-text-search's search() would over the
 * live passages built at once: its document count, frequencies and average length are this
 * state's, and each weight is rounded to 4 decimals as wink's consolidate() does. A top-k
 * selection replaces wink's score-and-sort-everything, and query terms can carry weights.
 */
export function searchIndexOf(state: IndexState): PassageIndex {
  const { dictionary, segments, passages, removed, documentFrequency: df, bm25 } = state;
  const slots = passages.length;
  const { scratch } = state;
  const liveId = (term: string): number | undefined => {
    const t = dictionary.idOf(term);
    return t !== undefined && (df[t] ?? 0) > 0 ? t : undefined;
  };
  // A term another fork of the index added is in the shared dictionary but not in this one's table.
  const frequency = (term: string) => {
    const t = dictionary.idOf(term);
    return t === undefined ? 0 : (df[t] ?? 0);
  };
  const total = Math.max(state.livePassages, 1);
  const idf = (term: string) => bm25Idf(total, frequency(term));
  const firstIds = segments.map((s) => s.firstId);
  const first = segments[0];
  const firstEnd = first ? first.firstId + first.slots : 0;
  const segmentOf = (id: number): Segment => {
    // Most passages are in the first, large segment.
    if (id < firstEnd) return first!;
    let low = 0;
    let high = firstIds.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (firstIds[mid]! <= id) low = mid;
      else high = mid - 1;
    }
    return segments[low]!;
  };

  // wink's arithmetic, step by step: N counts its padding documents, the average length is over N.
  const documents = Math.max(state.livePassages, WINK_MIN_DOCUMENTS);
  const averageLength = state.totalLength / 2 / documents;
  const { k1, b, k } = bm25;
  const k1Plus1 = k1 + 1;
  let k1Norms: Float64Array | undefined;
  const k1NormsOf = (): Float64Array => {
    if (k1Norms) return k1Norms;
    k1Norms = new Float64Array(slots);
    for (const segment of segments) {
      for (let i = 0; i < segment.slots; i++) k1Norms[segment.firstId + i] = k1 * (1 - b + b * (segment.lengths[i]! / 2 / averageLength));
    }
    return k1Norms;
  };

  return {
    passages,
    live: state.live,
    idf,
    memos: new Map(),
    knows: (term) => liveId(term) !== undefined,
    termId: liveId,
    passageTermIds(id) {
      const s = segmentOf(id);
      const i = id - s.firstId;
      return s.bodyTerms.subarray(s.bodyOffsets[i]!, s.bodyOffsets[i + 1]!);
    },
    sentenceTermIds(id, at) {
      const s = segmentOf(id);
      const kk = s.firstSentence[id - s.firstId]! + at;
      return s.sentenceTerms.subarray(s.sentenceOffsets[kk]!, s.sentenceOffsets[kk + 1]!);
    },
    passagesHolding(t, first, last) {
      // An article's passages lie in one segment, and are all live or all removed.
      const s = segmentOf(first);
      const slot = termSlot(s, t);
      if (slot === -1) return 0;
      const start = s.offsets[slot]!;
      const end = s.offsets[slot + 1]!;
      return lowerBoundOfIds(s.postings, last + 1, start, end) - lowerBoundOfIds(s.postings, first, start, end);
    },
    vocabularySize: dictionary.size,
    nearForms: nearFormsOf(dictionary.sortedLists, state.linksOf, (term) => liveId(term) !== undefined),
    spellingOf: spellingOf(dictionary.sortedLists, frequency),
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
      const norms = k1NormsOf();
      // Ids of the passages a query touches, in buffers reused across queries: no allocation per posting.
      const { scores, touched, hits } = scratch;
      let hitCount = 0;
      for (const { term, weight } of terms) {
        const t = liveId(term);
        if (t === undefined) continue;
        const n = df[t]!;
        const termIdf = Math.log((documents - n + 0.5) / (n + 0.5) + k);
        const scale = weight / WEIGHT_SCALE;
        for (const segment of segments) {
          const slot = termSlot(segment, t);
          if (slot === -1) continue;
          const { postings, counts } = segment;
          for (let i = segment.offsets[slot]!, end = segment.offsets[slot + 1]!; i < end; i++) {
            const id = postings[i]!;
            if (removed[id] === 1) continue;
            if (touched[id] === 0) {
              if (filtered && !keep(id)) continue;
              touched[id] = 1;
              scores[id] = 0;
              hits[hitCount++] = id;
            }
            const count = counts[i]! / 2;
            const w = roundedWeight(((count * k1Plus1) / (norms[id]! + count)) * termIdf);
            // The same arithmetic as wink (weight / 10,000, then summed in query order) for a plain term.
            scores[id]! += weight === 1 ? w / WEIGHT_SCALE : w * scale;
          }
        }
      }
      const top = topK(hits, hitCount, scores, limit);
      for (let i = 0; i < hitCount; i++) touched[hits[i]!] = 0;
      return top.map((id) => ({ passage: passages[id]!, score: scores[id]! }));
    },
  };
}

/** wink keeps weights to 4 decimals (toFixed); as a whole number of ten-thousandths. */
const WEIGHT_SCALE = 10_000;

/**
 * `Number(x.toFixed(4)) * 10,000` as a whole number: toFixed rounds the exact value of x, which
 * Math.round(x * 10,000) can miss only next to a half, so only there is toFixed asked.
 */
function roundedWeight(x: number): number {
  const scaled = x * WEIGHT_SCALE;
  const floor = Math.floor(scaled);
  if (Math.abs(scaled - floor - 0.5) > 1e-6) return Math.round(scaled);
  return Math.round(Number(x.toFixed(4)) * WEIGHT_SCALE);
}

/** Builds and opens an index in one step (small corpora, tests). */
export function buildIndex(analyzed: AnalyzedCorpus, settings: IndexSettings = {}): PassageIndex {
  return LiveIndex.build(analyzed, settings).snapshot();
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
