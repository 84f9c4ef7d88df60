import { parentPort } from 'node:worker_threads';
import { parseFeed } from '@rowanmanning/feed-parser';
import { extractArticle } from './extractArticle.js';
import type { FeedSummary, ReadRequest } from './readInWorker.js';

/** The feed as plain data: the parser's objects answer through getters, which do not cross threads. */
function feedSummary(xml: string): FeedSummary {
  const feed = parseFeed(xml);
  // Each item resolves its link against feed.url, a getter that searches the whole feed again:
  // read once, a 10,000-item feed takes 50 ms here instead of 12 s.
  Object.defineProperty(feed, 'url', { value: feed.url });
  return {
    ...(feed.title ? { title: feed.title } : {}),
    items: feed.items.map((item) => ({ ...(item.url ? { url: item.url } : {}), ...(item.published ?? item.updated ? { date: (item.published ?? item.updated)! } : {}) })),
  };
}

// Pages and feeds come one at a time; the thread is kept for the next unless one breaks a limit.
parentPort!.on('message', (request: ReadRequest) => {
  try {
    parentPort!.postMessage({ ok: true, value: request.kind === 'article' ? extractArticle(request.html, request.url) : feedSummary(request.xml) });
  } catch (error) {
    parentPort!.postMessage({ ok: false, reason: (error as Error).message });
  }
});
