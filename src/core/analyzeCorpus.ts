import { startModuleWorker } from './workerThread.js';
import { analyze, preloadLemmas } from './analyzer.js';
import { segment } from './passages.js';
import { runAtOnce, runInSteps, type Steps } from './steps.js';
import type { Document, Passage } from './types.js';

/** Passages of a corpus with the index terms of each, ready for the BM25 build. */
export interface AnalyzedCorpus {
  passages: Passage[];
  /** Terms of each passage's own text, space-separated, in passage order. */
  bodyTerms: string[];
  /** Terms of each document's title, space-separated, by document index. */
  titleTerms: string[];
  /** Terms of every sentence, space-separated, passage by passage (sentences of passage 0, then 1, …). */
  sentenceTerms: string[];
}

/** One document's passages in a transferable shape: [paragraph, start, end, n, s1.start, s1.end, …]. */
export interface AnalyzedDocument {
  layout: number[];
  /** Space-separated: one string per passage crosses a thread boundary far faster than arrays of words. */
  bodyTerms: string[];
  titleTerms: string;
  /** Per sentence, in passage order: a passage's terms are its sentences' terms. */
  sentenceTerms: string[];
}

export function analyzeDocument(document: Document): AnalyzedDocument {
  const layout: number[] = [];
  const bodyTerms: string[] = [];
  const sentenceTerms: string[] = [];
  for (const passage of segment(document, 0)) {
    layout.push(passage.paragraph, passage.start, passage.end, passage.sentences.length);
    const terms: string[] = [];
    for (const s of passage.sentences) {
      layout.push(s.start, s.end);
      const joined = analyze(document.body.slice(s.start, s.end)).join(' ');
      sentenceTerms.push(joined);
      if (joined !== '') terms.push(joined);
    }
    bodyTerms.push(terms.join(' '));
  }
  return { layout, bodyTerms, titleTerms: analyze(document.title).join(' '), sentenceTerms };
}

/** Rebuilds passage objects (ids in corpus order, from firstId) from per-document layouts. */
function assemble(documents: readonly Document[], analyzed: readonly AnalyzedDocument[], firstId: number): AnalyzedCorpus {
  const passages: Passage[] = [];
  const bodyTerms: string[] = [];
  const sentenceTerms: string[] = [];
  analyzed.forEach(({ layout, bodyTerms: terms, sentenceTerms: sentences }, d) => {
    // One at a time: spreading an article of 240,000 sentences into push() overflows the stack.
    for (const terms of sentences) sentenceTerms.push(terms);
    const document = documents[d]!;
    let at = 0;
    let k = 0;
    while (at < layout.length) {
      const [paragraph, start, end, count] = layout.slice(at, at + 4) as [number, number, number, number];
      at += 4;
      const sentences = [];
      for (let i = 0; i < count; i++, at += 2) sentences.push({ start: layout[at]!, end: layout[at + 1]! });
      passages.push({ id: firstId + passages.length, document, paragraph, start, end, sentences });
      bodyTerms.push(terms[k++]!);
    }
  });
  return { passages, bodyTerms, titleTerms: analyzed.map((a) => a.titleTerms), sentenceTerms };
}

/** Called as documents are analysed: (documents done, documents in all). */
export type Progress = (done: number, total: number) => void;

export function analyzeCorpus(documents: readonly Document[], onProgress?: Progress, firstId = 0): AnalyzedCorpus {
  return assemble(documents, runAtOnce(analysisSteps(documents, onProgress)), firstId);
}

/** Analysing between two yields (see Steps) takes about this long; a single long article is one step. */
const STEP_MS = 20;

/** The analysis as steps: a bot analysing a server's library or a reload keeps answering meanwhile. */
function* analysisSteps(documents: readonly Document[], onProgress: Progress | undefined): Steps<AnalyzedDocument[]> {
  onProgress?.(0, documents.length);
  const analyzed: AnalyzedDocument[] = [];
  let stepStarted = performance.now();
  for (let i = 0; i < documents.length; i++) {
    analyzed.push(analyzeDocument(documents[i]!));
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, documents.length);
    if (performance.now() - stepStarted > STEP_MS) {
      yield;
      stepStarted = performance.now();
    }
  }
  onProgress?.(documents.length, documents.length);
  return analyzed;
}

/** What is kept of a document's analysis: its passages' terms are its sentences' (see expandAnalysis). */
export type StoredAnalysis = Omit<AnalyzedDocument, 'bodyTerms'>;

export function compactAnalysis({ layout, titleTerms, sentenceTerms }: AnalyzedDocument): StoredAnalysis {
  return { layout, titleTerms, sentenceTerms };
}

/** A stored analysis made whole again: each passage's terms are its sentences' terms, joined. */
export function expandAnalysis({ layout, titleTerms, sentenceTerms }: StoredAnalysis): AnalyzedDocument {
  const bodyTerms: string[] = [];
  let at = 0;
  let sentence = 0;
  while (at < layout.length) {
    const count = layout[at + 3]!;
    const terms: string[] = [];
    for (let i = 0; i < count; i++, sentence++) if (sentenceTerms[sentence] !== '') terms.push(sentenceTerms[sentence]!);
    bodyTerms.push(terms.join(' '));
    at += 4 + 2 * count;
  }
  return { layout, bodyTerms, titleTerms, sentenceTerms };
}

/**
 * Documents analysed for the index, from firstId, taking a document's analysis from `known` when
 * it has one (a server library's articles, analysed when added): only the others are analysed,
 * and are returned too, by path, to be kept.
 */
export async function analyzeKnowingSome(
  documents: readonly Document[],
  threads: number,
  firstId: number,
  known: (document: Document) => AnalyzedDocument | undefined = () => undefined,
): Promise<{ corpus: AnalyzedCorpus; analyzedNow: Map<string, AnalyzedDocument> }> {
  const results: (AnalyzedDocument | undefined)[] = [];
  let stepStarted = performance.now();
  for (const document of documents) {
    results.push(known(document));
    if (performance.now() - stepStarted > STEP_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      stepStarted = performance.now();
    }
  }
  const missing = documents.filter((_, i) => results[i] === undefined);
  const analyzed = await analyzeDocumentsInParallel(missing, threads);
  const analyzedNow = new Map(missing.map((d, i) => [d.path, analyzed[i]!] as const));
  const all = documents.map((d, i) => results[i] ?? analyzedNow.get(d.path)!);
  return { corpus: assemble(documents, all, firstId), analyzedNow };
}

export const PROGRESS_EVERY = 25;

/** Below this much text, starting workers costs more than it saves. */
const WORKER_THRESHOLD_CHARS = 2_000_000;

/**
 * The same analysis on worker threads, one per core: sentence finding and lemmas dominate a
 * large build. Each worker's lemmas come back too, so this process answers queries with exactly
 * the lemmas the index was built with.
 */
export async function analyzeCorpusInParallel(documents: readonly Document[], threads: number, onProgress?: Progress, firstId = 0): Promise<AnalyzedCorpus> {
  return assemble(documents, await analyzeDocumentsInParallel(documents, threads, onProgress), firstId);
}

/** Each document's analysis: in steps here below WORKER_THRESHOLD_CHARS, else on worker threads. */
async function analyzeDocumentsInParallel(documents: readonly Document[], threads: number, onProgress?: Progress): Promise<AnalyzedDocument[]> {
  const size = documents.reduce((n, d) => n + d.body.length, 0);
  if (threads <= 1 || size < WORKER_THRESHOLD_CHARS) return runInSteps(analysisSteps(documents, onProgress));
  let done = 0;
  onProgress?.(0, documents.length);
  const chunks: number[][] = Array.from({ length: threads }, () => []);
  // Deal documents round-robin by size so both workers finish together.
  documents
    .map((d, i) => [i, d.body.length] as const)
    .sort((a, b) => b[1] - a[1])
    .forEach(([i], k) => chunks[k % threads]!.push(i));
  const results: AnalyzedDocument[] = new Array(documents.length);
  await Promise.all(
    chunks.map(
      (indexes) =>
        new Promise<void>((resolve, reject) => {
          const worker = startModuleWorker(import.meta.url, 'analyzeWorker', indexes.map((i) => ({ title: documents[i]!.title, body: documents[i]!.body, published: documents[i]!.published })));
          worker.on('message', (message: WorkerMessage) => {
            if (message.type === 'progress') {
              done += message.done;
              onProgress?.(Math.min(done, documents.length), documents.length);
              return;
            }
            message.analyzed.forEach((a, k) => (results[indexes[k]!] = a));
            preloadLemmas(message.lemmas);
            void worker.terminate();
            resolve();
          });
          worker.once('error', reject);
        }),
    ),
  );
  onProgress?.(documents.length, documents.length);
  return results;
}

export type WorkerMessage = { type: 'progress'; done: number } | { type: 'done'; analyzed: AnalyzedDocument[]; lemmas: [string, string][] };
