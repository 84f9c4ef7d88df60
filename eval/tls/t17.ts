/**
 * Timeline17 in the standard setting (Martschat & Markert; Gholipour Ghalandari & Ifrim, ACL 2020):
 * per reference timeline, T = its dates, K = round(mean sentences per date), only articles
 * published within its span, and dates within it. Read from ../shared/eval/t17 when present.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/core/corpus.js';
import { analyzeCorpus } from '../../src/core/analyzeCorpus.js';
import { datedQuotes, type DatedQuote, type DatedQuotes } from '../../src/core/datedQuotes.js';
import type { Passage } from '../../src/core/types.js';
import type { Tl } from './metrics.js';

export const T17_DIR = fileURLToPath(new URL('../../../shared/eval/t17/', import.meta.url));

export function t17Available(): boolean {
  return existsSync(T17_DIR);
}

/** One collection (an outlet's articles on one topic) read and dated once. */
export interface Collection {
  name: string;
  /** The topic before the outlet: collections of one topic are tuned or held out together. */
  topic: string;
  passages: Passage[];
  dated: DatedQuotes;
  references: Tl[];
}

export function collectionNames(): string[] {
  return readdirSync(T17_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function loadCollection(name: string): Collection {
  const dir = `${T17_DIR}${name}/`;
  const { documents } = loadCorpus(`${dir}corpus`);
  const { passages } = analyzeCorpus(documents);
  const raw = JSON.parse(readFileSync(`${dir}timelines.json`, 'utf8')) as [string, string[]][][];
  const references = raw.map((tl) => new Map(tl.map(([date, sentences]) => [date.slice(0, 10), sentences])));
  return { name, topic: name.split('_')[0]!, passages, dated: datedQuotes(passages), references };
}

/** The input a system sees for one reference timeline, and what it is asked for. */
export interface Task {
  collection: string;
  topic: string;
  reference: Tl;
  from: string;
  to: string;
  /** T: dates to output. */
  dates: number;
  /** K: sentences per date. */
  perDate: number;
  passages: Passage[];
  dated: DatedQuotes;
}

export function tasksOf(collection: Collection): Task[] {
  return collection.references.map((reference) => {
    const days = [...reference.keys()].sort();
    const from = days[0]!;
    const to = days.at(-1)!;
    const inSpan = (p: { document: { published: string } }) => p.document.published >= from && p.document.published <= to;
    const sentences = [...reference.values()].reduce((n, s) => n + s.length, 0);
    return {
      collection: collection.name,
      topic: collection.topic,
      reference,
      from,
      to,
      dates: reference.size,
      perDate: Math.max(1, Math.round(sentences / reference.size)),
      passages: collection.passages.filter(inSpan),
      dated: { quotes: collection.dated.quotes.filter((q: DatedQuote) => inSpan(q)), leads: collection.dated.leads.filter(inSpan), figures: collection.dated.figures.filter(inSpan), undated: collection.dated.undated },
    };
  });
}
