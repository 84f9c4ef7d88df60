import { ask, INVALID_MESSAGES, type AskOptions, type AskResult } from './ask.js';
import { loadCorpus, type Corpus } from './corpus.js';
import { segment } from './passages.js';
import { buildIndex, type PassageIndex } from './searchIndex.js';
import { listSources, type Outlet } from './sources.js';
import { buildTimeline, datedQuotes, type Timeline, type TimelineOptions } from './timeline.js';
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
  /** The outlet named `name`, matched without regard to case; undefined when there is none. */
  findOutlet(name: string): string | undefined;
  /** Titles and names of the corpus, most frequent first (built on first use, then kept). */
  keyPhrases(): readonly string[];
}

/** Loads, validates, segments and indexes a corpus folder. Throws CorpusError on a bad corpus. */
export interface IndexSettings {
  fieldWeights?: Record<string, number>;
  bm25?: { k1: number; b: number; k: number };
}

export function openVerbatim(dir: string, settings: IndexSettings = {}): Verbatim {
  const corpus = loadCorpus(dir);
  const passages: Passage[] = [];
  for (const document of corpus.documents) passages.push(...segment(document, passages.length));
  const index = buildIndex(passages, settings.fieldWeights, settings.bm25);
  const outlets = [...new Set(corpus.documents.map((d) => d.outlet))].sort((a, b) => a.localeCompare(b));
  const findOutlet = (name: string) => outlets.find((o) => o.toLowerCase() === name.trim().toLowerCase());

  let dated: ReturnType<typeof datedQuotes> | undefined;
  let phrases: string[] | undefined;

  return {
    corpus,
    passages,
    index,
    outlets,
    findOutlet,
    sources: () => listSources(corpus.documents, passages),
    timeline: (options = {}) => buildTimeline(index, (dated ??= datedQuotes(passages)), options),
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

export { INVALID_MESSAGES };
