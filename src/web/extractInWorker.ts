import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../core/workerThread.js';
import type { ExtractedArticle } from './extractArticle.js';

/**
 * Limits on reading one page: a page of deeply nested markup can keep Mozilla Readability busy
 * for minutes, exhaust its stack or take gigabytes, and it must do none of that to the bot.
 */
export const EXTRACTION_LIMITS = { timeoutMs: 10_000, heapMb: 512, stackMb: 4 } as const;
type Limits = { [K in keyof typeof EXTRACTION_LIMITS]: number };

/** Why a page's article could not be read within the limits. */
class ExtractionFailed extends Error {
  override name = 'ExtractionFailed';
}

/** The reading thread, kept between pages (starting one costs more than reading most pages), with the limits it was started with. */
let reader: { worker: Worker; limits: string } | undefined;
/** Pages are read one after another: the chain every extraction waits its turn on. */
let queue: Promise<unknown> = Promise.resolve();

function readerFor(limits: Limits): Worker {
  const key = JSON.stringify(limits);
  if (reader?.limits !== key) {
    void reader?.worker.terminate();
    reader = { worker: startModuleWorker(import.meta.url, 'extractWorker', undefined, { maxOldGenerationSizeMb: limits.heapMb, stackSizeMb: limits.stackMb }), limits: key };
  }
  return reader.worker;
}

function readOnce(html: string, url: string, limits: Limits): Promise<ExtractedArticle> {
  const worker = readerFor(limits);
  worker.ref();
  return new Promise<ExtractedArticle>((resolve, reject) => {
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
    const onMessage = (message: { ok: true; article: ExtractedArticle } | { ok: false; reason: string }) =>
      done(() => (message.ok ? resolve(message.article) : reject(new ExtractionFailed(message.reason))), true);
    const onError = (error: Error) =>
      done(() => reject(new ExtractionFailed((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reading it needed more than ${limits.heapMb} MB` : error.message)), false);
    const onExit = (code: number) => done(() => reject(new ExtractionFailed(`the reader stopped (exit ${code})`)), false);
    const timer = setTimeout(() => done(() => reject(new ExtractionFailed(`reading it took longer than ${limits.timeoutMs / 1000} s`)), false), limits.timeoutMs);
    worker.on('message', onMessage).once('error', onError).once('exit', onExit);
    worker.postMessage({ html, url });
  });
}

/**
 * extractArticle on a worker thread with a time limit and a memory limit: the event loop stays
 * free while a page is read, and a page that runs past a limit ends its thread, not the process.
 */
export function extractInWorker(html: string, url: string, limits: Limits = EXTRACTION_LIMITS): Promise<ExtractedArticle> {
  const turn = queue.then(() => readOnce(html, url, limits));
  queue = turn.catch(() => undefined);
  return turn;
}
