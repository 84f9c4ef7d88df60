import { parentPort } from 'node:worker_threads';
import { extractArticle } from './extractArticle.js';

// Pages come one at a time; the thread is kept for the next page unless one breaks a limit.
parentPort!.on('message', ({ html, url }: { html: string; url: string }) => {
  try {
    parentPort!.postMessage({ ok: true, article: extractArticle(html, url) });
  } catch (error) {
    parentPort!.postMessage({ ok: false, reason: (error as Error).message });
  }
});
