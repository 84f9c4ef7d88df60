import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../core/workerThread.js';
import type { ExtractedArticle } from './extractArticle.js';

/**
 * Limits on reading one page or feed: a page of deeply nested markup can keep Mozilla Readability
 * busy for minutes, exhaust its stack or take gigabytes, a 5 MB feed takes half a second to parse,
 * and none of that may happen to the bot's event loop.
 */
export const EXTRACTION_LIMITS = { timeoutMs: 10_000, heapMb: 512, stackMb: 4 } as const;
type Limits = { [K in keyof typeof EXTRACTION_LIMITS]: number };

/** A feed as a poll reads it: its title and each item's link and date. */
export interface FeedSummary {
  title?: string;
  items: { url?: string; date?: Date }[];
}

export type ReadRequest = { kind: 'article'; html: string; url: string } | { kind: 'feed'; xml: string };

/** Why a page's article or a feed could not be read within the limits. */
class ExtractionFailed extends Error {
  override name = 'ExtractionFailed';
}

/** The reading thread, kept between pages and feeds (starting one costs more than reading most pages), with the limits it was started with. */
let reader: { worker: Worker; limits: string } | undefined;
/** Pages are read one after another: the chain every extraction waits its turn on. */
let queue: Promise<unknown> = Promise.resolve();

function readerFor(limits: Limits): Worker {
  const key = JSON.stringify(limits);
  if (reader?.limits !== key) {
    void reader?.worker.terminate();
    reader = { worker: startModuleWorker(import.meta.url, 'readWorker', undefined, { maxOldGenerationSizeMb: limits.heapMb, stackSizeMb: limits.stackMb }), limits: key };
  }
  return reader.worker;
}

function readOnce<T>(request: ReadRequest, limits: Limits): Promise<T> {
  const worker = readerFor(limits);
  worker.ref();
  return new Promise<T>((resolve, reject) => {
    const done = (outcome: () => void, keep: boolean) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (keep) worker.unref();
      else {
        // A page that broke a limit ends its thread; the next page gets a fresh one.
        if (reader?.worker === worker) reader = undefined;
        void worker.terminate();
      }
      outcome();
    };
    const onMessage = (message: { ok: true; value: T } | { ok: false; reason: string }) =>
      done(() => (message.ok ? resolve(message.value) : reject(new ExtractionFailed(message.reason))), true);
    const onError = (error: Error) =>
      done(() => reject(new ExtractionFailed((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reading it needed more than ${limits.heapMb} MB` : error.message)), false);
    const onExit = (code: number) => done(() => reject(new ExtractionFailed(`the reader stopped (exit ${code})`)), false);
    const timer = setTimeout(() => done(() => reject(new ExtractionFailed(`reading it took longer than ${limits.timeoutMs / 1000} s`)), false), limits.timeoutMs);
    worker.on('message', onMessage).once('error', onError).once('exit', onExit);
    worker.postMessage(request);
  });
}

/**
 * extractArticle on a worker thread with a time limit and a memory limit: the event loop stays
 * free while a page is read, and a page that runs past a limit ends its thread, not the process.
 */
export function extractInWorker(html: string, url: string, limits: Limits = EXTRACTION_LIMITS): Promise<ExtractedArticle> {
  return inTurn(() => readOnce<ExtractedArticle>({ kind: 'article', html, url }, limits));
}

/** A feed parsed on the same thread and limits (the parser throws on what is not RSS, Atom or RDF). */
export function parseFeedInWorker(xml: string): Promise<FeedSummary> {
  return inTurn(() => readOnce<FeedSummary>({ kind: 'feed', xml }, EXTRACTION_LIMITS));
}

function inTurn<T>(read: () => Promise<T>): Promise<T> {
  const turn = queue.then(read);
  queue = turn.catch(() => undefined);
  return turn;
}
