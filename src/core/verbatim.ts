import { ask, type AskOptions, type AskResult } from './ask.js';
import { loadCorpus, type Corpus } from './corpus.js';
import { analyzeCorpus, analyzeCorpusInParallel, type Progress } from './analyzeCorpus.js';
import { preloadWordNet } from './lexicon/wordnet.js';
import { lemmaTable, preloadLemmas } from './analyzer.js';
import { deleteIndexFile, IndexCacheError, indexKey, indexPath, layoutPassages, readIndexFile, passagesFromLayout, pruneIndexes, writeIndexFile } from './indexStore.js';
import { buildIndex, searchIndexOf, type PassageIndex } from './searchIndex.js';
import { buildIndexData, type IndexSettings } from './indexBuild.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { listSources, type Outlet } from './sources.js';
import { buildTimeline, buildTimelineInSteps, datedQuotes, datedQuotesInSteps, type DatedQuotes, type Timeline, type TimelineOptions } from './timeline.js';
import type { Passage } from './types.js';
import { keyPhrases } from './keyPhrases.js';

/** A loaded corpus with its index: what every face (console, CLI, Discord) asks. */
export interface Verbatim {
  corpus: Corpus;
  passages: readonly Passage[];
  index: PassageIndex;
  outlets: readonly string[];
  ask(question: string, options?: AskOptions): AskResult;
  sources(): Outlet[];
  /** The corpus chronology (dates are read on first use, then kept: a corpus does not change under it). */
  timeline(options?: TimelineOptions): Timeline;
  /** Reads the corpus's dates (what the first timeline needs) without holding the event loop; then timeline() is quick. */
  prepareTimeline(): Promise<void>;
  /** The same as timeline(), never holding the event loop long: for a bot serving a large corpus. */
  timelineInSteps(options?: TimelineOptions): Promise<Timeline>;
  /** The outlet named `name`, matched without regard to case; undefined when there is none. */
  findOutlet(name: string): string | undefined;
  /** Titles and names of the corpus, most frequent first (built on first use, then kept). */
  keyPhrases(): readonly string[];
}

/** Loads, validates, segments and indexes a corpus folder in memory. Throws CorpusError on a bad corpus. */
export function buildInMemory(dir: string, settings: IndexSettings = {}): Verbatim {
  const corpus = loadCorpus(dir);
  const analyzed = analyzeCorpus(corpus.documents);
  return verbatimOf(corpus, analyzed.passages, buildIndex(analyzed, settings));
}

/** What happened to the persisted index while opening; the caller logs it. */
export type IndexEvent =
  | { kind: 'loaded'; path: string; ms: number }
  | { kind: 'built'; path: string; ms: number; bytes: number; passages: number }
  | { kind: 'discarded'; path: string; reason: string }
  /** The cache folder could not take the index: it is served from memory and built again next start. */
  | { kind: 'not-saved'; path: string; reason: string; ms: number; passages: number };

export interface LoadOptions {
  /** Folder of persisted indexes; each file is named by the corpus and analysis it was built from. */
  cacheDir: string;
  settings?: IndexSettings;
  /** Worker threads for a build (default: the machine's cores). */
  threads?: number;
  onIndex?: (event: IndexEvent) => void;
  /** Progress of a build's analysis, in documents. */
  onProgress?: Progress;
}

/**
 * Opens a corpus from its persisted index when one was built from exactly these files with this
 * analysis; otherwise builds it (on worker threads for a large corpus) and persists it. A
 * truncated or corrupt index file is discarded and rebuilt, never served.
 */
export async function openWithCache(dir: string, options: LoadOptions): Promise<Verbatim> {
  const corpus = loadCorpus(dir);
  const settings = options.settings ?? {};
  const key = indexKey(corpus.fingerprint, settings);
  const path = indexPath(options.cacheDir, key);
  const started = performance.now();
  if (existsSync(path)) {
    try {
      const stored = readIndexFile(path, key);
      const passages = passagesFromLayout(stored, corpus.documents);
      preloadLemmas(stored.lemmas);
      const index = searchIndexOf(stored.data, passages);
      options.onIndex?.({ kind: 'loaded', path, ms: Math.round(performance.now() - started) });
      return verbatimOf(corpus, passages, index);
    } catch (error) {
      if (!(error instanceof IndexCacheError)) throw error;
      options.onIndex?.({ kind: 'discarded', path, reason: error.message });
      deleteIndexFile(path);
    }
  }
  const analysing = analyzeCorpusInParallel(corpus.documents, options.threads ?? availableParallelism(), options.onProgress);
  // The index needs WordNet once analysis is done; read it while the workers analyse.
  preloadWordNet();
  const analyzed = await analysing;
  const data = buildIndexData(analyzed, settings);
  const ms = () => Math.round(performance.now() - started);
  try {
    const bytes = writeIndexFile(path, key, { data, ...layoutPassages(analyzed.passages, corpus.documents), lemmas: lemmaTable() });
    pruneIndexes(options.cacheDir);
    options.onIndex?.({ kind: 'built', path, ms: ms(), bytes, passages: analyzed.passages.length });
  } catch (error) {
    // The cache is an optimisation: a folder that is read-only, full or not a folder never stops serving.
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    options.onIndex?.({ kind: 'not-saved', path, reason, ms: ms(), passages: analyzed.passages.length });
  }
  return verbatimOf(corpus, analyzed.passages, searchIndexOf(data, analyzed.passages));
}

function verbatimOf(corpus: Corpus, passages: readonly Passage[], index: PassageIndex): Verbatim {
  const outlets = [...new Set(corpus.documents.map((d) => d.outlet))].sort((a, b) => a.localeCompare(b));
  const findOutlet = (name: string) => outlets.find((o) => o.toLowerCase() === name.trim().toLowerCase());

  let dated: DatedQuotes | undefined;
  let preparing: Promise<void> | undefined;
  let phrases: string[] | undefined;

  return {
    corpus,
    passages,
    index,
    outlets,
    findOutlet,
    sources: () => listSources(corpus.documents, passages),
    timeline: (options = {}) => buildTimeline(index, (dated ??= datedQuotes(passages)), options),
    prepareTimeline: () =>
      (preparing ??= dated
        ? Promise.resolve()
        : datedQuotesInSteps(passages).then((found) => {
            dated ??= found;
          })),
    async timelineInSteps(options = {}) {
      await this.prepareTimeline();
      return buildTimelineInSteps(index, dated!, options);
    },
    keyPhrases: () => (phrases ??= keyPhrases(corpus.documents)),
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
  };
}

