// An index that changes without being rebuilt: segments added, passages removed, segments merged.
import type { AnalyzedCorpus } from './analyzeCorpus.js';
import { wordNetLinksInto, type LinkKind, type WordNetLinks } from './lexicon/wordnet.js';
import type { LinksOf } from './nearForms.js';
import { BM25_PARAMS, buildSegment, rows, type Segment } from './segment.js';
import { searchIndexOf, type PassageIndex } from './searchIndex.js';
import { TermDictionary } from './termDictionary.js';
import type { Document, Passage } from './types.js';

export interface IndexSettings {
  bm25?: { k1: number; b: number; k: number };
}

/** Small segments kept apart before they are merged into one (Lucene's merge factor). */
export const MERGE_FACTOR = 10;

const LINK_KINDS: readonly LinkKind[] = ['synonym', 'broader', 'family'];

/**
 * A corpus index that takes articles and lets them go one at a time. An added article is
 * analysed alone and becomes one new segment; a removed one is marked, and its passages leave
 * the statistics at once; small segments are merged when there are more than MERGE_FACTOR. Every
 * change makes a new snapshot (`snapshot()`): a question in flight keeps the one it started with.
 * Passage ids are never reused while the process runs.
 */
export class LiveIndex {
  private segments: Segment[] = [];
  private passages: Passage[] = [];
  private removed = new Uint8Array(0);
  private documentFrequency = new Uint32Array(0);
  private livePassages = 0;
  private totalLength = 0;
  /** Links of the terms added after the base, merged into the base's (see linksOf). */
  private addedLinks: WordNetLinks = { synonym: new Map(), broader: new Map(), family: new Map() };
  private current: PassageIndex | undefined;
  /** The ids of the terms each segment added to the dictionary: [first, end). */
  private readonly termRanges = new WeakMap<Segment, [number, number]>();

  private constructor(
    readonly dictionary: TermDictionary,
    private readonly baseLinks: WordNetLinks,
    private readonly bm25: NonNullable<IndexSettings['bm25']>,
  ) {}

  /** A live index of one segment over a whole analysed corpus: its vocabulary, sorted, is the dictionary's base. */
  static build(analyzed: AnalyzedCorpus, settings: IndexSettings = {}): LiveIndex {
    const vocabulary = new Set<string>();
    const addTerms = (text: string) => {
      if (text !== '') for (const term of text.split(' ')) vocabulary.add(term);
    };
    analyzed.titleTerms.forEach(addTerms);
    analyzed.sentenceTerms.forEach(addTerms);
    const base = [...vocabulary].sort();
    const live = new LiveIndex(new TermDictionary(base), wordNetLinksInto(base), settings.bm25 ?? BM25_PARAMS);
    const segment = buildSegment(analyzed, live.dictionary, 0);
    live.termRanges.set(segment, [0, live.dictionary.size]);
    live.attach(segment, analyzed.passages);
    return live;
  }

  /** A live index from stored parts (see indexStore.ts): the dictionary and links as they were, then each segment with its passages. */
  static restore(dictionary: TermDictionary, baseLinks: WordNetLinks, settings: IndexSettings, segments: readonly { segment: Segment; passages: readonly Passage[]; terms: [number, number] }[]): LiveIndex {
    const live = new LiveIndex(dictionary, baseLinks, settings.bm25 ?? BM25_PARAMS);
    const added = dictionary.addedSince(0);
    if (added.length > 0) live.addedLinks = wordNetLinksInto(added);
    for (const { segment, passages, terms } of segments) {
      live.termRanges.set(segment, terms);
      live.attach(segment, passages);
    }
    return live;
  }

  /** The ids of the terms a segment added to the dictionary: [first, end). */
  termRange(segment: Segment): [number, number] {
    return this.termRanges.get(segment) ?? [0, 0];
  }

  /** The base vocabulary's WordNet links, as stored with the first segment. */
  get baseLinkTable(): WordNetLinks {
    return this.baseLinks;
  }

  /** Passages by id (a removed one keeps its slot). */
  get passagesById(): readonly Passage[] {
    return this.passages;
  }

  /** The id the next added passage gets. */
  get nextId(): number {
    return this.passages.length;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** The segments, oldest first (what a store writes). */
  get allSegments(): readonly Segment[] {
    return this.segments;
  }

  /** The first passage id of every removed article. */
  removedArticles(): number[] {
    const firsts: number[] = [];
    for (let id = 0; id < this.passages.length; id++) {
      if (this.removed[id] === 1 && this.passages[id - 1]?.document !== this.passages[id]!.document) firsts.push(id);
    }
    return firsts;
  }

  isRemoved(id: number): boolean {
    return this.removed[id] === 1;
  }

  /** The index as it is now; the same object until the next change. */
  snapshot(): PassageIndex {
    return (this.current ??= searchIndexOf({
      dictionary: this.dictionary.view(),
      segments: this.segments.slice(),
      passages: this.passages,
      removed: this.removed,
      documentFrequency: this.documentFrequency,
      livePassages: this.livePassages,
      totalLength: this.totalLength,
      linksOf: this.linksOf(),
      bm25: this.bm25,
    }));
  }

  /**
   * Adds analysed articles as one new segment; their passage ids must start at nextId. Costs the
   * articles (and a copy of the per-term and per-passage tables), not the corpus.
   */
  add(analyzed: AnalyzedCorpus): Segment {
    if (analyzed.passages.length === 0) return this.emptySegment();
    const before = this.dictionary.size;
    const segment = buildSegment(analyzed, this.dictionary, this.nextId);
    this.termRanges.set(segment, [before, this.dictionary.size]);
    const fresh = this.dictionary.addedSince(before);
    if (fresh.length > 0) this.addedLinks = mergeLinks(this.addedLinks, wordNetLinksInto(fresh));
    this.attach(segment, analyzed.passages);
    this.mergeIfCrowded();
    return segment;
  }

  /** Removes every passage of these documents; returns how many were live. */
  remove(documents: ReadonlySet<Document>): number {
    const ids: number[] = [];
    for (const segment of this.segments) {
      for (let i = 0; i < segment.slots; i++) {
        const id = segment.firstId + i;
        if (this.removed[id] === 0 && documents.has(this.passages[id]!.document)) ids.push(id);
      }
    }
    if (ids.length === 0) return 0;
    const removed = this.removed.slice();
    const frequency = this.documentFrequency.slice();
    for (const id of ids) {
      removed[id] = 1;
      const segment = this.segmentOf(id);
      const i = id - segment.firstId;
      for (const t of termsOfSlot(segment, i)) frequency[t]!--;
      this.totalLength -= segment.lengths[i]!;
      this.livePassages--;
    }
    this.removed = removed;
    this.documentFrequency = frequency;
    this.current = undefined;
    return ids.length;
  }

  /** Merges segments first..last (consecutive) into one, leaving out removed passages' postings. */
  merge(first: number, last: number): void {
    if (last <= first) return;
    const merged = mergeSegments(this.segments.slice(first, last + 1), this.removed);
    this.termRanges.set(merged, [this.termRange(this.segments[first]!)[0], this.termRange(this.segments[last]!)[1]]);
    this.segments = [...this.segments.slice(0, first), merged, ...this.segments.slice(last + 1)];
    this.current = undefined;
  }

  /** More than MERGE_FACTOR small segments: they become one (the first, large one is left alone). */
  private mergeIfCrowded(): void {
    if (this.segments.length > MERGE_FACTOR + 1) this.merge(1, this.segments.length - 1);
  }

  private attach(segment: Segment, passages: readonly Passage[]): void {
    const ids = segment.firstId + segment.slots;
    const removed = new Uint8Array(ids);
    removed.set(this.removed);
    const frequency = new Uint32Array(this.dictionary.size);
    frequency.set(this.documentFrequency);
    for (let k = 0; k < segment.terms.length; k++) frequency[segment.terms[k]!]! += segment.offsets[k + 1]! - segment.offsets[k]!;
    for (let i = 0; i < segment.slots; i++) this.totalLength += segment.lengths[i]!;
    this.livePassages += segment.slots;
    this.passages = this.passages.concat(passages);
    this.removed = removed;
    this.documentFrequency = frequency;
    this.segments = [...this.segments, segment];
    this.current = undefined;
  }

  private segmentOf(id: number): Segment {
    for (let s = this.segments.length - 1; s >= 0; s--) if (this.segments[s]!.firstId <= id) return this.segments[s]!;
    throw new Error(`no segment holds passage ${id}`);
  }

  private emptySegment(): Segment {
    const none = new Uint32Array(0);
    return { firstId: this.nextId, slots: 0, terms: none, offsets: new Uint32Array(1), postings: none, counts: none, lengths: none, titleOnlyOffsets: new Uint32Array(1), titleOnlyTerms: none, bodyOffsets: new Uint32Array(1), bodyTerms: none, firstSentence: new Uint32Array(1), sentenceOffsets: new Uint32Array(1), sentenceTerms: none };
  }

  private linksOf(): LinksOf {
    const base = this.baseLinks;
    const added = this.addedLinks;
    return (kind, word) => {
      const a = base[kind].get(word);
      const b = added[kind].get(word);
      if (!b) return a ?? [];
      if (!a) return b;
      return mergeSorted(a, b);
    };
  }
}

/** A passage slot's terms, body and title (what its document frequencies counted). */
function* termsOfSlot(segment: Segment, i: number): Generator<number> {
  for (let k = segment.bodyOffsets[i]!; k < segment.bodyOffsets[i + 1]!; k++) yield segment.bodyTerms[k]!;
  for (let k = segment.titleOnlyOffsets[i]!; k < segment.titleOnlyOffsets[i + 1]!; k++) yield segment.titleOnlyTerms[k]!;
}

function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

function mergeLinks(into: WordNetLinks, more: WordNetLinks): WordNetLinks {
  const out = {} as WordNetLinks;
  for (const kind of LINK_KINDS) {
    const table = new Map(into[kind]);
    for (const [word, terms] of more[kind]) {
      const had = table.get(word);
      table.set(word, had ? mergeSorted(had, terms) : terms);
    }
    out[kind] = table;
  }
  return out;
}

/**
 * One segment from consecutive ones: their slots in order, a removed passage's slot kept empty
 * (ids never move) and its postings left out.
 */
export function mergeSegments(segments: readonly Segment[], removed: Uint8Array): Segment {
  const firstId = segments[0]!.firstId;
  const slots = segments.reduce((n, s) => n + s.slots, 0);
  const lengths = new Uint32Array(slots);
  const bodyRows: Uint32Array[] = [];
  const titleRows: Uint32Array[] = [];
  const sentenceRows: Uint32Array[] = [];
  const firstSentence = new Uint32Array(slots + 1);
  const empty = new Uint32Array(0);
  let slot = 0;
  for (const s of segments) {
    for (let i = 0; i < s.slots; i++, slot++) {
      const gone = removed[s.firstId + i] === 1;
      lengths[slot] = gone ? 0 : s.lengths[i]!;
      bodyRows.push(gone ? empty : s.bodyTerms.subarray(s.bodyOffsets[i]!, s.bodyOffsets[i + 1]!));
      titleRows.push(gone ? empty : s.titleOnlyTerms.subarray(s.titleOnlyOffsets[i]!, s.titleOnlyOffsets[i + 1]!));
      const from = s.firstSentence[i]!;
      const to = gone ? from : s.firstSentence[i + 1]!;
      for (let k = from; k < to; k++) sentenceRows.push(s.sentenceTerms.subarray(s.sentenceOffsets[k]!, s.sentenceOffsets[k + 1]!));
      firstSentence[slot + 1] = firstSentence[slot]! + (to - from);
    }
  }
  // Terms in id order; each term's postings are its segments' in segment order, so ids stay ascending.
  const byTerm = new Map<number, [Segment, number][]>();
  for (const s of segments) for (let k = 0; k < s.terms.length; k++) {
    const t = s.terms[k]!;
    const list = byTerm.get(t);
    if (list) list.push([s, k]);
    else byTerm.set(t, [[s, k]]);
  }
  const termIds = [...byTerm.keys()].sort((a, b) => a - b);
  const keptTerms: number[] = [];
  const offsets: number[] = [0];
  const postings: number[] = [];
  const counts: number[] = [];
  for (const t of termIds) {
    const before = postings.length;
    for (const [s, k] of byTerm.get(t)!) {
      for (let i = s.offsets[k]!; i < s.offsets[k + 1]!; i++) {
        if (removed[s.postings[i]!] === 1) continue;
        postings.push(s.postings[i]!);
        counts.push(s.counts[i]!);
      }
    }
    if (postings.length === before) continue;
    keptTerms.push(t);
    offsets.push(postings.length);
  }
  const [bodyOffsets, bodyTerms] = rows(bodyRows);
  const [titleOnlyOffsets, titleOnlyTerms] = rows(titleRows);
  const [sentenceOffsets, sentenceTerms] = rows(sentenceRows);
  return {
    firstId,
    slots,
    terms: Uint32Array.from(keptTerms),
    offsets: Uint32Array.from(offsets),
    postings: Uint32Array.from(postings),
    counts: Uint32Array.from(counts),
    lengths,
    titleOnlyOffsets,
    titleOnlyTerms,
    bodyOffsets,
    bodyTerms,
    firstSentence,
    sentenceOffsets,
    sentenceTerms,
  };
}
