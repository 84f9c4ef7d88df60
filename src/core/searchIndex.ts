import bm25 from 'wink-bm25-text-search';
import type { AnalyzedCorpus } from './analyzeCorpus.js';
import type { Passage } from './types.js';
import { wordNetLinksInto, type LinkKind } from './lexicon/wordnet.js';

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

/** Field weights: the headline counts, but less than the passage's own words. */
export const FIELD_WEIGHTS = { title: 0.5, body: 1 } as const;
export const BM25_PARAMS = { k1: 1.2, b: 0.5, k: 1 } as const;

export interface IndexSettings {
  fieldWeights?: Record<string, number>;
  bm25?: { k1: number; b: number; k: number };
}

/** wink rounds weights to 4 decimals (its default frequency precision). */
const WEIGHT_SCALE = 10_000;

/** wink-bm25-text-search refuses to consolidate fewer documents than this. */
const WINK_MIN_DOCUMENTS = 3;

const splitTerms = (text: string): string[] => (text === '' ? [] : text.split(' '));

/**
 * Everything search needs, in flat typed arrays (so it persists as bytes and loads in one read):
 * the consolidated BM25 weights by term (compressed sparse rows), and which terms each passage's
 * text and each document's title contain (sorted term ids).
 */
export interface IndexData {
  vocabulary: string[];
  /** Postings of term t are offsets[t] .. offsets[t + 1]; their count is the term's passage frequency. */
  offsets: Uint32Array;
  passageIds: Uint32Array;
  /**
   * wink's weights are rounded to 4 decimals, so they are kept exactly as integers × 10,000 in
   * half the bytes of doubles; n / 10,000 is the very double wink holds for the same decimal.
   */
  weights: Uint32Array;
  bodyOffsets: Uint32Array;
  bodyTerms: Uint32Array;
  titleOffsets: Uint32Array;
  titleTerms: Uint32Array;
  /** Word → the corpus terms WordNet links it to, by kind (see lexicon/wordnet.ts), fixed when the index is built. */
  links: Record<LinkKind, [string, string[]][]>;
  /** Sentences of passage p are firstSentence[p] .. firstSentence[p + 1] (global sentence numbers). */
  firstSentence: Uint32Array;
  /** Term ids of global sentence k, in reading order, are sentenceTerms[sentenceOffsets[k] .. sentenceOffsets[k + 1]]. */
  sentenceOffsets: Uint32Array;
  sentenceTerms: Uint32Array;
}

/**
 * Builds the BM25 weights with wink-bm25-text-search (fields title and body) from analysed
 * passages; wink only splits the prepared terms, so queries and passages meet on exactly the
 * same terms. The weights are then read into typed arrays.
 */
export function buildIndexData(analyzed: AnalyzedCorpus, settings: IndexSettings = {}): IndexData {
  const engine = bm25();
  engine.defineConfig({ fldWeights: { ...(settings.fieldWeights ?? FIELD_WEIGHTS) }, bm25Params: { ...(settings.bm25 ?? BM25_PARAMS) } });
  engine.definePrepTasks([splitTerms]);
  const titleText = analyzed.titleTerms;
  const documentIndex = new Map(analyzed.passages.map((p) => [p.document, 0]));
  let d = 0;
  for (const document of documentIndex.keys()) documentIndex.set(document, d++);
  for (const passage of analyzed.passages) {
    engine.addDoc({ title: titleText[documentIndex.get(passage.document)!]!, body: analyzed.bodyTerms[passage.id]! }, passage.id);
  }
  // Empty stand-ins let a one-article corpus load; they hold no term, so they never match.
  for (let pad = analyzed.passages.length; pad < WINK_MIN_DOCUMENTS; pad++) engine.addDoc({ title: '', body: '' }, `pad-${pad}`);
  engine.consolidate();

  // The consolidated weights, read in place (getDocs/getTokens give wink's own objects; an
  // export would serialise ~64 MB of JSON at 100k passages only to parse it back).
  const documents = engine.getDocs() as Record<string, { freq: Record<string, number> }>;
  const token2Index = engine.getTokens() as Record<string, number>;
  // Term ids follow the sorted vocabulary, so a loaded index finds a term by binary search and
  // needs no map of its whole vocabulary.
  const vocabulary = Object.keys(token2Index).sort();
  const termId = new Map(vocabulary.map((term, t) => [term, t]));
  const fromWink = new Uint32Array(vocabulary.length);
  vocabulary.forEach((term, t) => (fromWink[token2Index[term]!] = t));
  const passages = analyzed.passages.length;
  const offsets = new Uint32Array(vocabulary.length + 1);
  for (let id = 0; id < passages; id++) for (const w in documents[id]!.freq) offsets[fromWink[Number(w)]! + 1]!++;
  for (let t = 0; t < vocabulary.length; t++) offsets[t + 1]! += offsets[t]!;
  const count = offsets[vocabulary.length]!;
  const passageIds = new Uint32Array(count);
  const weights = new Uint32Array(count);
  const fill = offsets.slice(0, vocabulary.length);
  // Passages in id order keep every term's postings sorted by passage, as wink's own index is.
  for (let id = 0; id < passages; id++) {
    const freq = documents[id]!.freq;
    for (const w in freq) {
      const at = fill[fromWink[Number(w)]!]!++;
      passageIds[at] = id;
      weights[at] = Math.round(freq[w]! * WEIGHT_SCALE);
    }
  }
  const firstSentence = new Uint32Array(analyzed.passages.length + 1);
  analyzed.passages.forEach((p, i) => (firstSentence[i + 1] = firstSentence[i]! + p.sentences.length));
  const sentenceRows = analyzed.sentenceTerms.map((terms) => splitTerms(terms).map((t) => termId.get(t)!));
  const [sentenceOffsets, sentenceTerms] = rows(sentenceRows);
  // A passage's terms are its sentences' terms: its row is their distinct ids, ascending.
  const lastSeenIn = new Int32Array(vocabulary.length).fill(-1);
  const bodyRows = analyzed.passages.map((_, id) => {
    const row: number[] = [];
    for (let k = firstSentence[id]!; k < firstSentence[id + 1]!; k++) {
      for (const t of sentenceRows[k]!) {
        if (lastSeenIn[t] === id) continue;
        lastSeenIn[t] = id;
        row.push(t);
      }
    }
    return row.sort((a, b) => a - b);
  });
  const titleRows = analyzed.titleTerms.map((terms) => [...new Set(splitTerms(terms))].map((t) => termId.get(t)).filter((t): t is number => t !== undefined).sort((a, b) => a - b));
  const [bodyOffsets, bodyTerms] = rows(bodyRows);
  const [titleOffsets, titleTerms] = rows(titleRows);
  return {
    vocabulary,
    offsets,
    passageIds,
    weights,
    bodyOffsets,
    bodyTerms,
    titleOffsets,
    titleTerms,
    links: wordNetLinks(vocabulary),
    firstSentence,
    sentenceOffsets,
    sentenceTerms,
  };
}

function wordNetLinks(vocabulary: readonly string[]): IndexData['links'] {
  const { synonym, broader, family } = wordNetLinksInto(vocabulary);
  return { synonym: [...synonym], broader: [...broader], family: [...family] };
}

function rows(list: number[][]): [Uint32Array, Uint32Array] {
  const offsets = new Uint32Array(list.length + 1);
  let total = 0;
  list.forEach((row, i) => {
    offsets[i] = total;
    total += row.length;
  });
  offsets[list.length] = total;
  const values = new Uint32Array(total);
  list.forEach((row, i) => values.set(row, offsets[i]!));
  return [offsets, values];
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
    spellingOf(term) {
      if (term.length < SPELLING_MIN_LENGTH || /\d/.test(term)) return undefined;
      const most = term.length >= SPELLING_TWO_EDITS_LENGTH ? 2 : 1;
      let best: string | undefined;
      let bestDistance = Infinity;
      let bestFrequency = -1;
      // Every candidate shares the first letter: a sorted vocabulary gives them as one run.
      for (let i = lowerBound(vocabulary, term[0]!); i < vocabulary.length && vocabulary[i]![0] === term[0]; i++) {
        const candidate = vocabulary[i]!;
        if (Math.abs(candidate.length - term.length) > most) continue;
        const distance = editDistance(term, candidate, most);
        if (distance > most) continue;
        const df = frequency(candidate);
        if (distance < bestDistance || (distance === bestDistance && df > bestFrequency)) [best, bestDistance, bestFrequency] = [candidate, distance, df];
      }
      return best;
    },
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
function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
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

/** Near forms from the sorted vocabulary: every candidate starts with the word's first 4 letters. */
function nearFormsOf(sorted: readonly string[], links: IndexData['links']): (term: string) => NearForm[] {
  const cache = new Map<string, NearForm[]>();
  const tables = (['synonym', 'family', 'broader'] as const).map((kind) => [kind, new Map(links[kind])] as const);
  return (term) => {
    let forms = cache.get(term);
    if (forms) return forms;
    forms = tables.flatMap(([kind, table]) => (table.get(term) ?? []).map((word): NearForm => ({ term: word, closeness: 1, kind })));
    if (term.length < NEAR_FORM_MIN_PREFIX || /^\d/.test(term)) return forms;
    const stem = term.slice(0, NEAR_FORM_MIN_PREFIX);
    for (let i = lowerBound(sorted, stem); i < sorted.length && sorted[i]!.startsWith(stem); i++) {
      const candidate = sorted[i]!;
      if (candidate === term || forms.some((f) => f.term === candidate)) continue;
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
