import { ask, type AskOptions, type AskResult } from './ask.js';
import { loadChangedFiles, loadCorpus, type Corpus } from './corpus.js';
import { analyzeCorpus, analyzeCorpusInParallel, analyzeKnowingSome, type AnalyzedDocument, type Progress } from './analyzeCorpus.js';
import { preloadWordNet, preloadWordNetInSteps } from './lexicon/wordnet.js';
import { deleteIndexFolder, IndexCacheError, indexFolder, indexKey, pruneIndexes } from './indexStore.js';
import { restoreIndex, SegmentStore } from './segmentStore.js';
import type { PassageIndex } from './searchIndex.js';
import { LiveIndex, type IndexSettings } from './liveIndex.js';
import { availableParallelism } from 'node:os';
import { listSources, type Outlet } from './sources.js';
import { buildTimeline, buildTimelineInSteps, datedQuotes, datedQuotesInSteps, type DatedQuotes, type Timeline, type TimelineOptions } from './timeline.js';
import type { Document, Passage } from './types.js';
import { keyPhrases, keyPhrasesInSteps } from './keyPhrases.js';

/** A loaded corpus with its index: what every face (console, CLI, Discord) asks. */
export interface Verbatim {
  corpus: Corpus;
  passages: readonly Passage[];
  index: PassageIndex;
  outlets: readonly string[];
  ask(question: string, options?: AskOptions): AskResult;
  sources(): Outlet[];
  /** The corpus chronology (dates are read on first use, then kept, and carried over a change: only a change's articles are read again). */
  timeline(options?: TimelineOptions): Timeline;
  /** Reads the corpus's dates (what the first timeline needs) without holding the event loop; then timeline() is quick. */
  prepareTimeline(): Promise<void>;
  /**
   * Reads what an added article needs and a loaded index does not (WordNet, the analyser's first
   * run) without holding the event loop long, so that the first /add or feed item is as quick as
   * the next. A long-running face calls it after start.
   */
  prepareForChanges(): Promise<void>;
  /** The same as timeline(), never holding the event loop long: for a bot serving a large corpus. */
  timelineInSteps(options?: TimelineOptions): Promise<Timeline>;
  /** The outlet named `name`, matched without regard to case; undefined when there is none. */
  findOutlet(name: string): string | undefined;
  /**
   * Titles and names of the corpus, most frequent first (built on first use, then kept). After a
   * change, the phrases of the corpus before serve until preparePhrases() has worked out the new ones.
   */
  keyPhrases(): readonly string[];
  /** Works the key phrases out in steps that give the event loop back (a bot, after start and after each change). */
  preparePhrases(): Promise<void>;
  /**
   * The corpus as the folder now is (see loadCorpus), as a new Verbatim: only the difference is
   * analysed and indexed (and persisted, when opened with a cache). Call it on the newest Verbatim.
   */
  update(next: Corpus, threads?: number, known?: KnownAnalysis): Promise<CorpusUpdate>;
  /** The same for a few named files of the folder (added, changed or gone): only they are read. */
  updateFiles(names: readonly string[]): Promise<CorpusUpdate>;
  /**
   * A corpus that starts as this one and changes apart from it (see LiveIndex.fork): a server's
   * library is the base library forked, then updated with the server's articles. Never saved.
   */
  fork(): Verbatim;
}

/** A corpus of these documents (not a folder's), indexed in memory: a server's library without the base. */
export function verbatimOfDocuments(dir: string, documents: readonly Document[], digests: ReadonlyMap<string, string>): Verbatim {
  const corpus: Corpus = { dir, documents: [...documents], digests, fingerprint: '' };
  return new LiveCorpus(corpus, LiveIndex.build(analyzeCorpus(corpus.documents))).verbatim();
}

/** Loads, validates, segments and indexes a corpus folder in memory. Throws CorpusError on a bad corpus. */
export function buildInMemory(dir: string, settings: IndexSettings = {}): Verbatim {
  const corpus = loadCorpus(dir);
  const analyzed = analyzeCorpus(corpus.documents);
  return new LiveCorpus(corpus, LiveIndex.build(analyzed, settings)).verbatim();
}

/** What happened to the persisted index while opening; the caller logs it. */
export type IndexEvent =
  /** Loaded from its segments; `added` and `removed` articles were the folder's difference from them. */
  | { kind: 'loaded'; path: string; ms: number; added: number; removed: number }
  | { kind: 'built'; path: string; ms: number; bytes: number; passages: number }
  /** A reload applied the folder's difference to the corpus being served. */
  | { kind: 'updated'; ms: number; added: number; removed: number }
  | { kind: 'discarded'; path: string; reason: string }
  /** The cache folder could not take the index: it is served from memory and built again next start. */
  | { kind: 'not-saved'; path: string; reason: string; ms: number; passages: number };

export interface LoadOptions {
  /** Folder of persisted indexes: a folder per corpus folder, of segment files and a manifest. */
  cacheDir: string;
  settings?: IndexSettings;
  /** Worker threads for a build (default: the machine's cores). */
  threads?: number;
  onIndex?: (event: IndexEvent) => void;
  /** Progress of a build's analysis, in documents. */
  onProgress?: Progress;
  /**
   * Whether later changes (update) are written to the cache folder (default true). Shards share
   * one folder: only one of them writes, or their manifests would undo each other's segments.
   */
  saveChanges?: boolean;
}

/**
 * Opens a corpus from its persisted segments, applying only the folder's difference from them
 * (new and changed articles analysed and added as a segment, gone ones removed); with no usable
 * segments it builds the whole index (on worker threads for a large corpus) and persists it. A
 * truncated or corrupt segment is discarded with the rest and rebuilt, never served.
 */
export async function openWithCache(dir: string, options: LoadOptions): Promise<Verbatim> {
  const corpus = loadCorpus(dir);
  const settings = options.settings ?? {};
  const key = indexKey(dir, settings);
  const folder = indexFolder(options.cacheDir, key);
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const restored = restoreIndex(folder, key, corpus, settings);
    if (restored) {
      const live = new LiveCorpus(restored.corpus, restored.index, options.saveChanges === false ? undefined : new SegmentStore(folder, key, restored.files));
      const next = await live.update(corpus, options.threads);
      options.onIndex?.({ kind: 'loaded', path: folder, ms: ms(), added: next.added, removed: restored.removed + next.removed });
      return next.verbatim;
    }
  } catch (error) {
    if (!(error instanceof IndexCacheError)) throw error;
    options.onIndex?.({ kind: 'discarded', path: folder, reason: error.message });
    deleteIndexFolder(folder);
  }
  const analysing = analyzeCorpusInParallel(corpus.documents, options.threads ?? availableParallelism(), options.onProgress);
  // The index needs WordNet once analysis is done; read it while the workers analyse.
  preloadWordNet();
  const analyzed = await analysing;
  const index = LiveIndex.build(analyzed, settings);
  const store = new SegmentStore(folder, key);
  const live = new LiveCorpus(corpus, index, store);
  if (options.saveChanges === false) live.stopSaving();
  try {
    const bytes = store.save(index, corpus);
    pruneIndexes(options.cacheDir);
    options.onIndex?.({ kind: 'built', path: folder, ms: ms(), bytes, passages: analyzed.passages.length });
  } catch (error) {
    // The cache is an optimisation: a folder that is read-only, full or not a folder never stops serving.
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    live.stopSaving();
    options.onIndex?.({ kind: 'not-saved', path: folder, reason, ms: ms(), passages: analyzed.passages.length });
  }
  return live.verbatim();
}

/** A change applied to a live corpus: the new snapshot, and how many articles came and went. */
/** A document's analysis kept from before (a server library's article, analysed when it was added), if any. */
type KnownAnalysis = (document: Document) => AnalyzedDocument | undefined;

interface CorpusUpdate {
  verbatim: Verbatim;
  added: number;
  removed: number;
  /** The added documents that were analysed now (not known), by path: what a caller may keep. */
  analyzedNow?: Map<string, AnalyzedDocument>;
  /** When segments are being merged (after the change, in the background): the snapshot once they are. */
  merging?: Promise<Verbatim>;
}

/**
 * A corpus that changes: its live index, the store that persists it, and what the last snapshot
 * worked out (dates) that the next can keep. Each change makes a new Verbatim; one made before
 * keeps answering from its own snapshot.
 */
class LiveCorpus {
  private current: Verbatim | undefined;
  private dated: DatedQuotes | undefined;
  private merging: Promise<Verbatim> | undefined;
  private phrases: string[] | undefined;

  constructor(
    private corpus: Corpus,
    private readonly index: LiveIndex,
    private store?: SegmentStore,
  ) {}

  stopSaving(): void {
    this.store = undefined;
  }

  fork(): Verbatim {
    // The dates carry over (only the fork's own articles are read after); key phrases are the fork's own, worked out on first use.
    const fork = new LiveCorpus(this.corpus, this.index.fork());
    fork.dated = this.dated;
    return fork.verbatim();
  }

  verbatim(): Verbatim {
    return (this.current ??= verbatimOf(this.corpus, this.index, this));
  }

  /** The newest key phrases worked out (perhaps of the corpus before a change). */
  keptPhrases(): readonly string[] | undefined {
    return this.phrases;
  }

  rememberPhrases(phrases: string[], corpus: Corpus): string[] {
    // A slower, older computation never replaces a newer one.
    if (corpus === this.corpus || !this.phrases) this.phrases = phrases;
    return phrases;
  }

  /** Dated quotes kept from the snapshot before, when it had read them. */
  keptDates(): DatedQuotes | undefined {
    return this.dated;
  }

  rememberDates(dated: DatedQuotes, corpus: Corpus): void {
    if (corpus === this.corpus) this.dated = dated;
  }

  /**
   * The corpus as the folder now is: articles whose file is gone or changed leave the index,
   * new and changed ones are analysed alone and join it as one segment.
   */
  async update(next: Corpus, threads = availableParallelism(), analysed?: KnownAnalysis): Promise<CorpusUpdate> {
    const known = new Map(this.corpus.documents.map((d) => [d.path, d]));
    const kept = new Map<string, Document>();
    for (const d of next.documents) {
      const before = known.get(d.path);
      if (before && this.corpus.digests.get(d.path) === next.digests.get(d.path)) kept.set(d.path, before);
    }
    const gone = new Set(this.corpus.documents.filter((d) => kept.get(d.path) !== d));
    const fresh = next.documents.filter((d) => !kept.has(d.path));
    if (gone.size === 0 && fresh.length === 0) {
      // Nothing changed but maybe the order of the folder's listing: the corpus stays as it was.
      return { verbatim: this.verbatim(), added: 0, removed: 0 };
    }
    // In steps, each a few tens of milliseconds on a large corpus: a bot keeps answering meanwhile.
    // What the gone articles added to the dates, read again before their passages leave.
    const goneDates = this.dated && gone.size > 0 ? datedQuotes(this.index.passagesOf(gone)) : undefined;
    if (gone.size > 0) this.index.remove(gone);
    let added: Passage[] = [];
    let analyzedNow: Map<string, AnalyzedDocument> | undefined;
    if (fresh.length > 0) {
      await breathe();
      const analysis = await analyzeKnowingSome(fresh, threads, this.index.nextId, analysed);
      analyzedNow = analysis.analyzedNow;
      await breathe();
      this.index.add(analysis.corpus, { merge: false });
      added = analysis.corpus.passages;
    }
    // The documents in the folder's order, the kept ones as they were (their passages point at them).
    const documents = next.documents.map((d) => kept.get(d.path) ?? d);
    const corpus: Corpus = { ...next, documents };
    if (this.dated) {
      await breathe();
      this.dated = withChanges(this.dated, goneDates, added);
    }
    this.corpus = corpus;
    this.current = undefined;
    if (this.store) {
      await breathe();
      this.store.trySave(this.index, corpus);
    }
    const merging = this.index.mergePlan() ? this.mergeInBackground() : undefined;
    return { verbatim: this.verbatim(), added: fresh.length, removed: gone.size, ...(merging ? { merging } : {}), ...(analyzedNow ? { analyzedNow } : {}) };
  }

  /** Merges what the live index plans to (large merges on a worker), then saves; resolves to the snapshot after. */
  private mergeInBackground(): Promise<Verbatim> {
    this.merging ??= this.index
      .mergeInBackground()
      .then(() => {
        this.current = undefined;
        this.store?.trySave(this.index, this.corpus);
        return this.verbatim();
      })
      .finally(() => (this.merging = undefined));
    return this.merging;
  }
}

/** Lets the event loop run what waits (a step of an update is a few tens of milliseconds at most). */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The dated quotes of a corpus after a change: the gone articles' left out, the new passages' read and put after. */
function withChanges(dated: DatedQuotes, goneDates: DatedQuotes | undefined, added: readonly Passage[]): DatedQuotes {
  const gone = new Set([...(goneDates?.quotes ?? []), ...(goneDates?.leads ?? []), ...(goneDates?.figures ?? [])].map((item) => item.passage.document));
  const stays = <T extends { passage: Passage }>(items: readonly T[]) => (gone.size === 0 ? items.slice() : items.filter((item) => !gone.has(item.passage.document)));
  const more = datedQuotes(added);
  const order = dated.quotes.reduce((n, q) => Math.max(n, q.order + 1), 0);
  const removedUndated = goneDates?.undated ?? 0;
  return {
    quotes: [...stays(dated.quotes), ...more.quotes.map((q) => ({ ...q, order: order + q.order }))],
    leads: [...stays(dated.leads), ...more.leads],
    figures: [...stays(dated.figures), ...more.figures],
    undated: dated.undated - removedUndated + more.undated,
  };
}

function verbatimOf(corpus: Corpus, live: LiveIndex, owner: LiveCorpus): Verbatim {
  const index = live.snapshot();
  const passages = index.live;
  const outlets = [...new Set(corpus.documents.map((d) => d.outlet))].sort((a, b) => a.localeCompare(b));
  const findOutlet = (name: string) => outlets.find((o) => o.toLowerCase() === name.trim().toLowerCase());

  let dated: DatedQuotes | undefined = owner.keptDates();
  let preparing: Promise<void> | undefined;
  let phrases: readonly string[] | undefined;
  const read = (found: DatedQuotes) => {
    dated ??= found;
    owner.rememberDates(dated, corpus);
    return dated;
  };

  return {
    corpus,
    passages,
    index,
    outlets,
    findOutlet,
    sources: () => listSources(corpus.documents, passages),
    timeline: (options = {}) => buildTimeline(index, passages, dated ?? read(datedQuotes(passages)), options),
    prepareTimeline: () => (preparing ??= dated ? Promise.resolve() : datedQuotesInSteps(passages).then(read).then(() => undefined)),
    async timelineInSteps(options = {}) {
      await this.prepareTimeline();
      return buildTimelineInSteps(index, passages, dated!, options);
    },
    keyPhrases: () => phrases ?? owner.keptPhrases() ?? (phrases = owner.rememberPhrases(keyPhrases(corpus.documents), corpus)),
    preparePhrases: async () => {
      if (phrases) return;
      const found = await keyPhrasesInSteps(corpus.documents);
      phrases ??= owner.rememberPhrases(found, corpus);
    },
    ask(question, options = {}) {
      if (options.outlet !== undefined) {
        const outlet = findOutlet(options.outlet);
        if (!outlet) {
          return { status: 'invalid', question, reason: 'bad-option', message: `No outlet is named "${options.outlet}". Outlets: ${outlets.join(', ')}.`, answers: [] };
        }
        options = { ...options, outlet };
      }
      return ask(index, question, options);
    },
    prepareForChanges: async () => {
      await preloadWordNetInSteps();
      await breathe();
      analyzeCorpus([{ id: '', title: 'Warm-up', outlet: '', url: '', published: '2000-01-01', path: '', body: 'The analyser reads a first article. It is ready on 2 May for the next.\n' }]);
    },
    update: (next, threads, known) => owner.update(next, threads, known),
    updateFiles: (names) => owner.update(loadChangedFiles(corpus, names)),
    fork: () => owner.fork(),
  };
}
