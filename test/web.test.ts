import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { addArticle, AddRefused } from '../src/web/addArticle.js';
import { extractArticle } from '../src/web/extractArticle.js';
import { fetchPage, FetchRefused } from '../src/web/fetchPage.js';
import { buildInMemory } from '../src/core/verbatim.js';
import { BUNDLED_CORPUS } from '../src/corpusDir.js';
import { corpusFolder } from './helpers/corpusFixture.js';

const page = (name: string) => readFileSync(new URL(`./fixtures/web/${name}`, import.meta.url), 'utf8');
const ALLOW = { allowPrivateUrls: true };

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const html = (body: string, status = 200) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    };
    switch (req.url) {
      case '/news/2024/harbour-bridge-reopens':
        return html(page('jsonld.html'));
      case '/orchard':
        return html(page('opengraph-nodate.html'));
      case '/short':
        return html('<html><head><title>Log in</title></head><body><p>Please log in to read this story.</p></body></html>');
      case '/missing':
        return html('<p>Not found</p>', 404);
      case '/broken':
        return html('<p>Server error</p>', 503);
      case '/pdf':
        res.writeHead(200, { 'content-type': 'application/pdf' });
        return res.end('%PDF-1.4');
      case '/huge':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(`<html><body>${'<p>word </p>'.repeat(600_000)}</body></html>`);
      case '/moved':
        res.writeHead(301, { location: '/news/2024/harbour-bridge-reopens' });
        return res.end();
      case '/hang':
        // Never answers: the fetch must give up.
        return;
      case '/trickle':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body><p>The first words');
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      default:
        return html('<p>Not found</p>', 404);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('extracting an article from a page', () => {
  it('takes JSON-LD metadata and only the article paragraphs, each as the page shows it', () => {
    const html = page('jsonld.html');
    const article = extractArticle(html, `${base}/news/2024/harbour-bridge-reopens`);
    expect(article).toMatchObject({ title: 'Harbour bridge reopens after repairs', outlet: 'The Coastal Courier', published: '2024-03-05', author: 'Mara Lind', url: `${base}/news/2024/harbour-bridge-reopens` });
    const shown = parseHTML(html).document.body.textContent!.replace(/\s+/g, ' ');
    for (const paragraph of article.paragraphs) expect(shown).toContain(paragraph);
    const body = article.paragraphs.join('\n');
    expect(body).toContain('The harbour bridge reopened to traffic on Tuesday morning after eleven weeks of repairs, the city\'s transport office said.');
    expect(body).toContain('Ferry operators');
    for (const chrome of ['By Mara Lind', 'cookies', 'Share on', 'Photo: Courier staff', 'Related', 'Council approves', 'Finally!', 'All rights reserved', 'Harbour bridge reopens after repairs']) expect(body).not.toContain(chrome);
  });

  it('falls back to OpenGraph, and reports no date when the page has none', () => {
    const article = extractArticle(page('opengraph-nodate.html'), `${base}/orchard`);
    expect(article).toMatchObject({ title: 'Orchard growers count a record apple harvest', outlet: 'Valley Weekly', url: 'https://valley.example/orchard-record' });
    expect(article.published).toBeUndefined();
    expect(article.paragraphs).toHaveLength(3);
  });
});

describe('fetching', () => {
  it('refuses loopback and private addresses unless ALLOW_PRIVATE_URLS=1, and other schemes', async () => {
    for (const url of [`${base}/orchard`, 'http://10.1.2.3/x', 'http://[::1]/x', 'http://169.254.169.254/latest/meta-data']) {
      await expect(fetchPage(url, false)).rejects.toThrow(/private, loopback or link-local/);
    }
    await expect(fetchPage('file:///etc/passwd', true)).rejects.toThrow(/http and https only/);
    await expect(fetchPage(`${base}/orchard`, true)).resolves.toMatchObject({ url: `${base}/orchard` });
  });

  it('gives up on a server that does not answer, or stops half-way, within the deadline', async () => {
    for (const path of ['/hang', '/trickle']) {
      const refusal = await fetchPage(`${base}${path}`, true, 300).catch((error: unknown) => error);
      expect(refusal, path).toBeInstanceOf(FetchRefused);
      expect((refusal as Error).message, path).toBe('no answer within 0.3 s');
    }
  });

  it('says why in one line: 404, 503, not HTML, too large, too many redirects', async () => {
    const cases: [string, RegExp][] = [
      ['/missing', /answered 404/],
      ['/broken', /answered 503/],
      ['/pdf', /not an HTML page \(application\/pdf\)/],
      ['/huge', /larger than 5 MB/],
      ['/loop', /more than 5 redirects/],
    ];
    for (const [path, message] of cases) {
      const refusal = await fetchPage(`${base}${path}`, true).catch((error: unknown) => error);
      expect(refusal, path).toBeInstanceOf(FetchRefused);
      expect((refusal as Error).message, path).toMatch(message);
    }
  });
});

describe('adding an article to a corpus', () => {
  it('writes one Markdown article that loads and answers with a verbatim quote and its link; a second add is refused', async () => {
    const folder = corpusFolder({});
    try {
      const added = await addArticle(folder.dir, `${base}/moved`, ALLOW);
      expect(added).toMatchObject({ path: 'harbour-bridge-reopens-after-repairs.md', outlet: 'The Coastal Courier', published: '2024-03-05', url: `${base}/news/2024/harbour-bridge-reopens` });
      // Front matter as a person writes it: plain keys, values quoted only where YAML needs it, the date quoted.
      expect(readFileSync(`${folder.dir}/${added.path}`, 'utf8')).toMatch(/^---\ntitle: Harbour bridge reopens after repairs\noutlet: The Coastal Courier\nurl: http:\/\/127\.0\.0\.1:\d+\/news\/2024\/harbour-bridge-reopens\npublished: "2024-03-05"\nauthor: Mara Lind\n---\n/);
      const answer = buildInMemory(folder.dir).ask('how many steel cables did engineers replace').answers[0]!;
      expect(answer.quote).toContain('Engineers replaced 240 steel cables');
      expect(answer.document.url).toBe(`${base}/news/2024/harbour-bridge-reopens`);
      await expect(addArticle(folder.dir, `${base}/news/2024/harbour-bridge-reopens#comments`, ALLOW)).rejects.toThrow(/already in the corpus/);
      expect(readdirSync(folder.dir)).toEqual(['harbour-bridge-reopens-after-repairs.md']);
    } finally {
      folder.remove();
    }
  });

  it('leaves the bundled seeds as shipped', async () => {
    await expect(addArticle(BUNDLED_CORPUS, `${base}/orchard`, { ...ALLOW, published: '2024-10-12' })).rejects.toThrow(/bundled seed articles stay as shipped/);
  });

  it('refuses a page without a date unless --published is given, and a page that is not an article, writing nothing', async () => {
    const folder = corpusFolder({});
    try {
      await expect(addArticle(folder.dir, `${base}/orchard`, ALLOW)).rejects.toThrow(/states no publication date; give one with --published/);
      await expect(addArticle(folder.dir, `${base}/short`, { ...ALLOW, published: '2024-01-01' })).rejects.toThrow(AddRefused);
      await expect(addArticle(folder.dir, `${base}/short`, { ...ALLOW, published: '2024-01-01' })).rejects.toThrow(/not an article/);
      expect(readdirSync(folder.dir)).toEqual([]);
      // The page claims another site's address (og:url valley.example): the link stays the one fetched, and the outlet says where it came from.
      expect(await addArticle(folder.dir, `${base}/orchard`, { ...ALLOW, published: '2024-10-12' })).toMatchObject({ published: '2024-10-12', outlet: 'Valley Weekly (127.0.0.1)', url: `${base}/orchard` });
    } finally {
      folder.remove();
    }
  });

  it('works from the CLI: add --json prints where, a refusal is one line and exit 1', async () => {
    const folder = corpusFolder({});
    try {
      const { cliOn } = await import('./helpers/run.js');
      const ok = await cliOn(folder.dir, ['add', `${base}/orchard`, '--published', '2024-10-12', '--json']);
      expect(ok.status, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toEqual({ path: 'orchard-growers-count-a-record-apple-harvest.md', title: 'Orchard growers count a record apple harvest', outlet: 'Valley Weekly (127.0.0.1)', url: `${base}/orchard`, published: '2024-10-12' });
      const refused = await cliOn(folder.dir, ['add', `${base}/missing`]);
      expect(refused.status).toBe(1);
      expect(refused.stderr.trim()).toBe(`Not added: ${base}/missing: the server answered 404 Not Found`);
    } finally {
      folder.remove();
    }
  });
});
