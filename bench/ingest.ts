/**
 * npx tsx bench/ingest.ts [--items 200]
 *
 * Feed polling as the bot does it, against a server on 127.0.0.1: a feed of N items, each an
 * article page, one of them 1,500 divs deep (a pass adds at most 200). Prints the pass's time and
 * the longest event-loop stall (monitorEventLoopDelay) while the feed and pages are fetched, read
 * and written.
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { followFeed, pollFeeds } from '../src/web/feeds.js';
import { webSettings } from '../src/config.js';

const { values } = parseArgs({ options: { items: { type: 'string', default: '200' } } });
const items = Number(values.items);
const paragraph = (i: number) => `<p>Story ${i}: the harbour council met on Tuesday and agreed to rebuild the pier, officials said, after months of talks with residents.</p>`;
const server = createServer((req, res) => {
  const n = Number(/\/story\/(\d+)/.exec(req.url ?? '')?.[1]);
  if (req.url === '/feed.xml') {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const list = Array.from({ length: items }, (_, i) => `<item><title>Story ${i}</title><link>http://127.0.0.1:${port}/story/${i}</link><pubDate>Thu, 02 May 2024 08:00:00 GMT</pubDate></item>`).join('');
    return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>${list}</channel></rss>`);
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  const body = Array.from({ length: 6 }, () => paragraph(n)).join('');
  const nested = n === 7 ? 1500 : 0;
  res.end(`<html><head><title>Story ${n}</title><meta property="article:published_time" content="2024-05-02"></head><body>${'<div>'.repeat(nested)}<article>${body}</article>${'</div>'.repeat(nested)}</body></html>`);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;
const dir = mkdtempSync(join(tmpdir(), 'verbatim-ingest-'));
const env = webSettings({ ALLOW_PRIVATE_URLS: '1', FEEDS_FILE: join(dir, 'feeds.json') });
await followFeed(`http://127.0.0.1:${port}/feed.xml`, env);
const stall = monitorEventLoopDelay({ resolution: 10 });
stall.enable();
const started = performance.now();
const [report] = await pollFeeds(join(dir, 'corpus'), env);
const ms = Math.round(performance.now() - started);
stall.disable();
console.log(JSON.stringify({ items, added: report!.added.length, skipped: report!.skipped.length, ms, perItemMs: Math.round(ms / items), maxStallMs: Math.round(stall.max / 1e6), p99StallMs: Math.round(stall.percentile(99) / 1e6) }));
server.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
