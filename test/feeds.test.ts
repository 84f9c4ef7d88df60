import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { followFeed, listFeeds, pollFeeds, unfollowFeed } from '../src/web/feeds.js';
import { buildInMemory } from '../src/core/verbatim.js';
import { corpusFolder } from './helpers/corpusFixture.js';
import { webSettings } from '../src/config.js';

/** A news page of its own (JSON-LD date) about `topic`, long enough to be an article. */
function articlePage(topic: string, date: string | undefined): string {
  const ld = date ? `<script type="application/ld+json">{"@type":"NewsArticle","headline":"News about ${topic}","datePublished":"${date}","publisher":{"name":"Feed Times"}}</script>` : '';
  const paragraphs = [
    `The council discussed the ${topic} at length on Monday evening and voted to fund it next year.`,
    `Residents who spoke at the meeting said the ${topic} had been promised for a decade and asked for a firm date.`,
    `The mayor said work on the ${topic} would begin in spring and take about eighteen months to finish.`,
  ];
  return `<!doctype html><html><head><title>News about ${topic}</title>${ld}</head><body><article><h1>News about ${topic}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
}

let server: Server;
let base = '';
/** Items the RSS feed lists now (the test adds some between polls). */
const rssItems: { slug: string; date: string }[] = [{ slug: 'library', date: 'Mon, 04 Mar 2024 09:00:00 GMT' }];
let rssRequests = 0;
let rss304 = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/rss.xml') {
      rssRequests++;
      const etag = `"v${rssItems.length}"`;
      if (req.headers['if-none-match'] === etag) {
        rss304++;
        res.writeHead(304, { etag });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
      const items = rssItems.map((i) => `<item><title>${i.slug}</title><link>${base}/news/${i.slug}</link><pubDate>${i.date}</pubDate></item>`).join('');
      return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Feed Times</title><link>${base}/</link>${items}</channel></rss>`);
    }
    if (url === '/atom.xml') {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      return res.end(
        `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Herald</title><id>urn:x</id><updated>2024-05-02T10:00:00Z</updated>` +
          `<entry><title>tram line</title><link href="${base}/undated/tram-line"/><id>urn:1</id><updated>2024-05-02T10:00:00Z</updated></entry></feed>`,
      );
    }
    if (url === '/not-a-feed') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<p>hello</p>');
    }
    const news = /^\/news\/([a-z-]+)$/.exec(url);
    const undated = /^\/undated\/([a-z-]+)$/.exec(url);
    if (news || undated) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(articlePage((news ?? undated)![1]!.replace('-', ' '), news ? '2024-03-04T09:00:00Z' : undefined));
    }
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<p>Not found</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('feeds', () => {
  it('follows RSS and Atom feeds, adds new items between polls, skips what it has seen, and uses conditional GET', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'verbatim-feeds-'));
    const folder = corpusFolder({});
    const env = webSettings({ ALLOW_PRIVATE_URLS: '1', FEEDS_FILE: join(dataDir, 'feeds.json') });
    try {
      expect(await followFeed(`${base}/rss.xml`, env)).toMatchObject({ title: 'Feed Times' });
      await followFeed(`${base}/atom.xml`, env);
      await expect(followFeed(`${base}/rss.xml`, env)).rejects.toThrow(/already followed/);
      await expect(followFeed(`${base}/not-a-feed`, env)).rejects.toThrow(/not a feed \(text\/html\)/);
      expect(listFeeds(env).map((f) => f.title)).toEqual(['Feed Times', 'Atom Herald']);

      const first = await pollFeeds(folder.dir, env);
      expect(first.map((r) => r.added.map((a) => a.title))).toEqual([['News about library'], ['News about tram line']]);
      // The Atom page states no date: the entry's date stands in.
      expect(first[1]!.added[0]!.published).toBe('2024-05-02');

      rssItems.unshift({ slug: 'swimming-pool', date: 'Tue, 05 Mar 2024 09:00:00 GMT' });
      const second = await pollFeeds(folder.dir, env);
      expect(second[0]!.added.map((a) => a.title)).toEqual(['News about swimming pool']);
      expect(second[1]!.added).toEqual([]);

      const before = rss304;
      const third = await pollFeeds(folder.dir, env);
      expect(third[0]).toMatchObject({ notModified: true, added: [] });
      expect(rss304).toBe(before + 1);
      expect(readdirSync(folder.dir).sort()).toEqual(['news-about-library.md', 'news-about-swimming-pool.md', 'news-about-tram-line.md']);
      const answer = buildInMemory(folder.dir).ask('when will work on the swimming pool begin').answers[0]!;
      expect(answer.quote).toBe('The mayor said work on the swimming pool would begin in spring and take about eighteen months to finish.');
      expect(answer.document.url).toBe(`${base}/news/swimming-pool`);

      unfollowFeed(`${base}/atom.xml`, env);
      expect(listFeeds(env).map((f) => f.url)).toEqual([`${base}/rss.xml`]);
      expect(() => unfollowFeed(`${base}/atom.xml`, env)).toThrow(/not followed/);
      expect(rssRequests).toBeGreaterThanOrEqual(4);
    } finally {
      folder.remove();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
