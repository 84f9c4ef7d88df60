// An index that changes without being rebuilt: segments added, passages removed, segments merged.
import type { AnalyzedCorpus } from './analyzeCorpus.js';
import { wordNetLinksInto, type LinkKind, type WordNetLinks } from './lexicon/wordnet.js';
import type { LinksOf } from './nearForms.js';
import { BM25_PARAMS, buildSegment, type Segment } from './segment.js';
import { mergeSegments } from './mergeSegments.js';
import { startModuleWorker } from './workerThread.js';
import { searchIndexOf, type PassageIndex, type SearchScratch } from './searchIndex.js';
import { TermDictionary } from './termDictionary.js';
import type { Document, Passage } from './types.js';

export interface IndexSettings {
  bm25?: { k1: number; b: number; k: number };
}

/** Segments of one size kept apart before they are merged into one (Lucene's merge factor). */
const MERGE_FACTOR = 10;

/** A merge of more passage slots than this runs on a worker thread: on the main thread it would hold the event loop. */
const WORKER_MERGE_SLOTS = 5_000;

const LINK_KINDS: readonly LinkKind[] = ['synonym', 'broader', 'family'];
const NO_LINKS: WordNetLinks = { synonym: new Map(), broader: new Map(), family: new Map() };

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
  /** The live passages in id order (what a timeline reads); kept as passages come and go. */
  private liveList: Passage[] = [];
  /** Buffers a search works in, shared by every snapshot: one search runs at a time. */
  private readonly scratch: SearchScratch = { scores: new Float64Array(0), touched: new Uint8Array(0), hits: new Uint32Array(0) };
  private totalLength = 0;
  /** Links of the terms added after the base, merged into the base's (see linksOf). */
  private addedLinks: WordNetLinks = NO_LINKS;
  private current: PassageIndex | undefined;
  /** Each live document's passage ids: [first, end) (an article's passages are consecutive). */
  private readonly ranges = new Map<Document, [number, number]>();
  /** The ids of the terms each segment added to the dictionary: [first, end). */
  private readonly termRanges = new WeakMap<Segment, [number, number]>();
  /** How many merges made a segment (see mergePlan); a built or added one is level 0. */
  private readonly levels = new WeakMap<Segment, number>();
  /** The WordNet links of the terms each segment added, stored with it. */
  private readonly segmentLinks = new WeakMap<Segment, WordNetLinks>();

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
    const links = wordNetLinksInto(base);
    const live = new LiveIndex(new TermDictionary(base), links, settings.bm25 ?? BM25_PARAMS);
    const segment = buildSegment(analyzed, live.dictionary, 0);
    live.termRanges.set(segment, [0, live.dictionary.size]);
    live.segmentLinks.set(segment, links);
    live.attach(segment, analyzed.passages);
    return live;
  }

  /**
   * A live index from stored parts (see segmentStore.ts): the dictionary as it was, then each
   * segment with its passages, the terms it added and their WordNet links (stored with it, so a
   * start never reads WordNet).
   */
  static restore(dictionary: TermDictionary, settings: IndexSettings, segments: readonly { segment: Segment; passages: readonly Passage[]; terms: [number, number]; links: WordNetLinks }[]): LiveIndex {
    const live = new LiveIndex(dictionary, segments[0]!.links, settings.bm25 ?? BM25_PARAMS);
    for (const [s, { segment, passages, terms, links }] of segments.entries()) {
      live.termRanges.set(segment, terms);
      live.segmentLinks.set(segment, links);
      if (s > 0) live.addedLinks = mergeLinks(live.addedLinks, links);
      live.attach(segment, passages);
    }
    return live;
  }

  /**
   * Another live index that starts as this one is and then goes its own way: it shares the
   * segments (immutable) and the dictionary (append-only: ids never clash) and copies the rest
   * (about 30 bytes a passage). A server's library is the base library forked, plus its own
   * articles. A change to this index afterwards is not seen by the fork, nor the reverse; passage
   * ids the two add later may coincide, so a fork is made again after its origin changes.
   */
  fork(): LiveIndex {
    const fork = new LiveIndex(this.dictionary, this.baseLinks, this.bm25);
    fork.segments = this.segments.slice();
    fork.passages = this.passages.slice();
    fork.removed = this.removed;
    fork.documentFrequency = this.documentFrequency;
    fork.livePassages = this.livePassages;
    fork.totalLength = this.totalLength;
    fork.liveList = this.liveList;
    fork.addedLinks = this.addedLinks;
    for (const [document, range] of this.ranges) fork.ranges.set(document, [range[0], range[1]]);
    for (const segment of this.segments) {
      fork.termRanges.set(segment, this.termRange(segment));
      fork.levels.set(segment, this.levels.get(segment) ?? 0);
      fork.segmentLinks.set(segment, this.linksAddedBy(segment));
    }
    return fork;
  }

  /** The ids of the terms a segment added to the dictionary: [first, end). */
  termRange(segment: Segment): [number, number] {
    return this.termRanges.get(segment) ?? [0, 0];
  }

  /** The WordNet links of the terms a segment added (the first segment's: its whole vocabulary's). */
  linksAddedBy(segment: Segment): WordNetLinks {
    return this.segmentLinks.get(segment) ?? NO_LINKS;
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
      live: this.liveList,
      scratch: this.scratch,
    }));
  }

  /**
   * Adds analysed articles as one new segment; their passage ids must start at nextId. Costs the
   * articles (and a copy of the per-term and per-passage tables), not the corpus.
   */
  add(analyzed: AnalyzedCorpus, options: { merge?: boolean } = {}): void {
    if (analyzed.passages.length === 0) return;
    const before = this.dictionary.size;
    const segment = buildSegment(analyzed, this.dictionary, this.nextId);
    this.termRanges.set(segment, [before, this.dictionary.size]);
    const fresh = this.dictionary.addedSince(before);
    const links = fresh.length > 0 ? wordNetLinksInto(fresh) : NO_LINKS;
    this.segmentLinks.set(segment, links);
    if (fresh.length > 0) this.addedLinks = mergeLinks(this.addedLinks, links);
    this.attach(segment, analyzed.passages);
    if (options.merge !== false) this.mergeIfCrowded();
  }

  /** The live passages of these documents (an article's passages are consecutive: no scan of the corpus). */
  passagesOf(documents: ReadonlySet<Document>): Passage[] {
    const found: Passage[] = [];
    for (const document of documents) {
      const range = this.ranges.get(document);
      if (range) for (let id = range[0]; id < range[1]; id++) if (this.removed[id] === 0) found.push(this.passages[id]!);
    }
    return found;
  }

  /** Removes every passage of these documents; returns how many were live. Costs their passages, not the corpus. */
  remove(documents: ReadonlySet<Document>): number {
    const ids: number[] = [];
    for (const document of documents) {
      const range = this.ranges.get(document);
      if (!range) continue;
      for (let id = range[0]; id < range[1]; id++) if (this.removed[id] === 0) ids.push(id);
      this.ranges.delete(document);
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
    this.liveList = this.liveList.filter((p) => removed[p.id] === 0);
    this.current = undefined;
    return ids.length;
  }

  /** Merges segments first..last (consecutive) into one, leaving out removed passages' postings. */
  merge(first: number, last: number): void {
    if (last <= first) return;
    this.replace(first, last, mergeSegments(this.segments.slice(first, last + 1), this.removed));
  }

  private replace(first: number, last: number, merged: Segment): void {
    this.termRanges.set(merged, [this.termRange(this.segments[first]!)[0], this.termRange(this.segments[last]!)[1]]);
    this.segmentLinks.set(merged, this.segments.slice(first, last + 1).map((s) => this.linksAddedBy(s)).reduce(mergeLinks));
    this.levels.set(merged, Math.max(...this.segments.slice(first, last + 1).map((s) => this.levels.get(s) ?? 0)) + 1);
    this.segments = [...this.segments.slice(0, first), merged, ...this.segments.slice(last + 1)];
    this.current = undefined;
  }

  /**
   * The segments to merge next: the last MERGE_FACTOR when they are all of one level (a new
   * segment is level 0, a merge of level-L segments is level L + 1), so an article is merged
   * about log10(adds) times, not at every merge. The first segment (a full build's) is left alone.
   */
  mergePlan(): [number, number] | undefined {
    const last = this.segments.length - 1;
    const first = last - MERGE_FACTOR + 1;
    if (first < 1) return undefined;
    const level = this.levels.get(this.segments[last]!) ?? 0;
    for (let s = first; s <= last; s++) if ((this.levels.get(this.segments[s]!) ?? 0) !== level) return undefined;
    return [first, last];
  }

  /** Merges as the plan says, here and now (small merges, and tests). */
  mergeIfCrowded(): void {
    for (let plan = this.mergePlan(); plan; plan = this.mergePlan()) this.merge(...plan);
  }

  /**
   * Merges as the plan says, a large merge on a worker thread: the event loop goes on meanwhile,
   * and the segments merged stay searchable until the merged one replaces them. Resolves once
   * nothing is left to merge; true when anything was merged.
   */
  async mergeInBackground(workerSlots = WORKER_MERGE_SLOTS): Promise<boolean> {
    let merged = false;
    for (let plan = this.mergePlan(); plan; plan = this.mergePlan()) {
      const inputs = this.segments.slice(plan[0], plan[1] + 1);
      const slots = inputs.reduce((n, s) => n + s.slots, 0);
      if (slots <= workerSlots) {
        this.merge(...plan);
      } else {
        const result = await mergeOnWorker(inputs, this.removed);
        // Adds only append, so the inputs are where they were (and a removal meanwhile is still marked).
        const at = this.segments.indexOf(inputs[0]!);
        this.replace(at, at + inputs.length - 1, result);
      }
      merged = true;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return merged;
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
    for (const p of passages) {
      const range = this.ranges.get(p.document);
      if (range) range[1] = p.id + 1;
      else this.ranges.set(p.document, [p.id, p.id + 1]);
    }
    // Appended in place: a snapshot made before reads only the ids it had (a new, 1 MB array per add made the collector pause).
    for (const p of passages) this.passages.push(p);
    this.liveList = this.liveList.concat(passages.filter((p) => removed[p.id] === 0));
    if (this.scratch.scores.length < ids) {
      // Room to grow, so that a run of adds does not reallocate at each.
      const room = Math.ceil(ids * 1.25);
      Object.assign(this.scratch, { scores: new Float64Array(room), touched: new Uint8Array(room), hits: new Uint32Array(room) });
    }
    this.removed = removed;
    this.documentFrequency = frequency;
    this.segments = [...this.segments, segment];
    this.current = undefined;
  }

  private segmentOf(id: number): Segment {
    for (let s = this.segments.length - 1; s >= 0; s--) if (this.segments[s]!.firstId <= id) return this.segments[s]!;
    throw new Error(`no segment holds passage ${id}`);
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


/** mergeSegments on a worker thread; the inputs are copied to it, the merged segment's arrays come back moved. */
function mergeOnWorker(segments: readonly Segment[], removed: Uint8Array): Promise<Segment> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, 'mergeWorker', { segments, removed });
    worker.once('message', (merged: Segment) => {
      void worker.terminate();
      resolve(merged);
    });
    worker.once('error', reject);
  });
}
