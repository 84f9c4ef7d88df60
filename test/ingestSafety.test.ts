import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addArticle } from '../src/web/addArticle.js';
import { webSettings } from '../src/config.js';
import { fetchPage, isPrivateAddress } from '../src/web/fetchPage.js';
import { followFeed, pollFeeds } from '../src/web/feeds.js';
import { buildInMemory } from '../src/core/verbatim.js';
import { CorpusError, loadCorpus, MAX_ARTICLE_BYTES } from '../src/core/corpus.js';
import { analyzeCorpus } from '../src/core/analyzeCorpus.js';
import { article, corpusFolder } from './helpers/corpusFixture.js';
import { cliOn, runAsync } from './helpers/run.js';

const ALLOW = { allowPrivateUrls: true };

/** An article page whose text is long enough to be kept, with the head it is given. */
function articlePage(head: string, words = 'The council voted on Tuesday to rebuild the old pier after the winter storms damaged it.') {
  const paragraphs = Array.from({ length: 5 }, (_, i) => `<p>${words} Paragraph ${i + 1} tells more of the story in its own words.</p>`).join('');
  return `<!doctype html><html><head><title>Pier to be rebuilt</title><meta property="article:published_time" content="2024-05-02">${head}</head><body><article><h1>Pier to be rebuilt</h1>${paragraphs}</article></body></html>`;
}

let server: Server;
let base = '';
let hits = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    const html = (body: string | Buffer, type = 'text/html; charset=utf-8') => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    const path = req.url ?? '';
    const named = /^\/feeds\/(\w+)\.xml$/.exec(path)?.[1];
    if (named) return html(`<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${named}</title></channel></rss>`, 'application/rss+xml');
    const scheme = /^\/canonical\/(\w+)$/.exec(path)?.[1];
    if (scheme) {
      const claimed = { javascript: 'javascript:alert(1)', mailto: 'mailto:desk@example.com', data: 'data:text/html,hi', ftp: 'ftp://files.example.com/a' }[scheme]!;
      return html(articlePage(`<link rel="canonical" href="${claimed}">`));
    }
    switch (path) {
      case '/impostor':
        return html(articlePage('<meta property="og:site_name" content="BBC News"><link rel="canonical" href="https://www.bbc.com/news/world-12345">'));
      case '/same-site':
        return html(articlePage(`<link rel="canonical" href="${base}/same-site-canonical">`));
      case '/nested-1500':
      case '/nested-10000': {
        const depth = Number(path.split('-')[1]);
        return html(`<html><body>${'<div>'.repeat(depth)}<p>${'The pier was rebuilt after the storm. '.repeat(20)}</p>${'</div>'.repeat(depth)}</body></html>`);
      }
      case '/empty':
        return html('');
      case '/text-only':
        return html('Just some words, no markup at all.');
      case '/utf16':
        return html(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(articlePage(''), 'utf16le')]), 'text/html');
      case '/latin1':
        return html(Buffer.from(articlePage('', 'The Café Müller reopened on Tuesday after the winter storms closed it for months.'), 'latin1'), 'text/html; charset=ISO-8859-1');
      case '/latin1-meta':
        return html(Buffer.from(articlePage('<meta charset="iso-8859-1">', 'The Café Müller reopened on Tuesday after the winter storms closed it for months.'), 'latin1'), 'text/html');
      case '/bad-utf8':
        return html(Buffer.concat([Buffer.from(articlePage('').slice(0, 300)), Buffer.from([0xc3, 0x28]), Buffer.from(articlePage('').slice(300))]));
      case '/long-feed.xml': {
        // 250 items whose pages are gone: each is tried (a fetch failure is tried again later), 200 a pass.
        const items = Array.from({ length: 250 }, (_, i) => `<item><title>t</title><link>${base}/gone/${i}</link></item>`).join('');
        return html(`<?xml version="1.0"?><rss version="2.0"><channel><title>Long</title>${items}</channel></rss>`, 'application/rss+xml');
      }
      case '/feed.xml': {
        // One broken page first, then the same link a hundred times, then a good page.
        const items = [`${base}/empty`, ...Array.from({ length: 100 }, () => `${base}/same-site`), `${base}/latin1`]
          .map((link) => `<item><title>t</title><link>${link}</link><pubDate>Thu, 02 May 2024 08:00:00 GMT</pubDate></item>`)
          .join('');
        return html(`<?xml version="1.0"?><rss version="2.0"><channel><title>Pier News</title>${items}</channel></rss>`, 'application/rss+xml');
      }
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('a fetched page can never break the corpus', () => {
  it('keeps the fetched link when the page names a javascript:, mailto:, data: or ftp: canonical, and the corpus still loads', async () => {
    const folder = corpusFolder({});
    try {
      for (const scheme of ['javascript', 'mailto', 'data', 'ftp']) {
        const added = await addArticle(folder.dir, `${base}/canonical/${scheme}`, ALLOW);
        expect(added.url).toBe(`${base}/canonical/${scheme}`);
      }
      expect(loadCorpus(folder.dir).documents).toHaveLength(4);
    } finally {
      folder.remove();
    }
  });

  it('keeps the fetched link and shows the fetched host when a page claims another site; takes a canonical on its own site', async () => {
    const folder = corpusFolder({});
    try {
      const impostor = await addArticle(folder.dir, `${base}/impostor`, ALLOW);
      expect(impostor).toMatchObject({ url: `${base}/impostor`, outlet: 'BBC News (127.0.0.1)' });
      const own = await addArticle(folder.dir, `${base}/same-site`, ALLOW);
      expect(own).toMatchObject({ url: `${base}/same-site-canonical`, outlet: '127.0.0.1' });
    } finally {
      folder.remove();
    }
  });

  it('refuses an empty, text-only or unreadable page in one line, writing nothing; reads a UTF-16 page with its byte-order mark', async () => {
    const folder = corpusFolder({});
    try {
      for (const path of ['/empty', '/text-only']) {
        await expect(addArticle(folder.dir, `${base}${path}`, ALLOW), path).rejects.toThrow(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]+: not an article|could not be read/);
      }
      expect(readdirSync(folder.dir)).toEqual([]);
      const utf16 = await addArticle(folder.dir, `${base}/utf16`, ALLOW);
      expect(readFileSync(join(folder.dir, utf16.path), 'utf8')).toContain('The council voted on Tuesday');
    } finally {
      folder.remove();
    }
  });

  it('reads a page in the character set it declares, header or <meta>, and refuses bytes that are not valid in it', async () => {
    for (const path of ['/latin1', '/latin1-meta']) {
      const page = await fetchPage(`${base}${path}`, true);
      expect(page.html, path).toContain('The Café Müller reopened');
      expect(page.html, path).not.toContain('\ufffd');
    }
    await expect(fetchPage(`${base}/bad-utf8`, true)).rejects.toThrow(/is not valid utf-8 text/);
  });

  it('polls on past a page that breaks the reader, fetches a link listed a hundred times once, and saves what it learnt', async () => {
    const folder = corpusFolder({});
    const feeds = join(folder.dir, '..', `feeds-${Date.now()}.json`);
    const env = webSettings({ ALLOW_PRIVATE_URLS: '1', FEEDS_FILE: feeds });
    try {
      await followFeed(`${base}/feed.xml`, env);
      const before = hits;
      const [report] = await pollFeeds(folder.dir, env);
      // The feed itself, then each distinct link once.
      expect(hits - before).toBe(4);
      expect(report!.added.map((a) => a.url).sort()).toEqual([`${base}/latin1`, `${base}/same-site-canonical`]);
      expect(report!.skipped).toHaveLength(1);
      expect(report!.skipped[0]!.reason).toMatch(/\/empty: not an article|could not be read/);
      const saved = JSON.parse(readFileSync(feeds, 'utf8'));
      expect(saved.feeds[0].seen).toEqual(expect.arrayContaining([`${base}/empty`, `${base}/latin1`, `${base}/same-site`]));
      const again = await pollFeeds(folder.dir, env);
      expect(again[0]!.added).toEqual([]);
    } finally {
      folder.remove();
    }
  });
});

describe('one writer at a time', () => {
  it('a lock held by one process makes another wait until it is released, and a stale lock is taken over', async () => {
    const folder = corpusFolder({});
    const lock = join(folder.dir, '.lock');
    const log = join(folder.dir, 'log');
    // Each process appends "start" and "end" around a section that lasts 300 ms.
    const script = `import { withLock } from ${JSON.stringify(new URL('../dist/src/core/fileLock.js', import.meta.url).href)};
      import { appendFileSync } from 'node:fs';
      withLock(process.argv[1], () => { appendFileSync(process.argv[2], 'start\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300); appendFileSync(process.argv[2], 'end\\n'); });`;
    try {
      const runs = await Promise.all([1, 2, 3].map(() => runAsync(process.execPath, ['--input-type=module', '-e', script, lock, log], process.env)));
      expect(runs.map((r) => r.status)).toEqual([0, 0, 0]);
      // Never two sections at once: starts and ends alternate.
      expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
      // A lock left by a process that died long ago is taken over.
      mkdirSync(lock);
      const { utimesSync } = await import('node:fs');
      utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      const { withLock } = await import('../src/core/fileLock.js');
      expect(withLock(lock, () => 'ran')).toBe('ran');
    } finally {
      folder.remove();
    }
  });

  it('two processes adding one page at once write one file; the other is told it is already there', async () => {
    const folder = corpusFolder({});
    try {
      const runs = await Promise.all([1, 2, 3].map(() => cliOn(folder.dir, ['add', `${base}/same-site`])));
      expect(runs.map((r) => r.status).sort()).toEqual([0, 1, 1]);
      for (const refused of runs.filter((r) => r.status === 1)) expect(refused.stderr).toMatch(/already in the corpus/);
      expect(readdirSync(folder.dir).filter((f) => f.endsWith('.md'))).toHaveLength(1);
      expect(loadCorpus(folder.dir).documents).toHaveLength(1);
    } finally {
      folder.remove();
    }
  });

  it('feeds followed and removed at once, in one process or several, are all kept in the list', async () => {
    const folder = corpusFolder({});
    const feeds = join(folder.dir, 'feeds.json');
    const env = { ALLOW_PRIVATE_URLS: '1', FEEDS_FILE: feeds };
    try {
      await Promise.all(['a', 'b', 'c'].map((name) => followFeed(`${base}/feeds/${name}.xml`, webSettings(env))));
      const cli = (...args: string[]) => cliOn(folder.dir, ['feed', ...args], env);
      const runs = await Promise.all([cli('add', `${base}/feeds/d.xml`), cli('add', `${base}/feeds/e.xml`), cli('remove', `${base}/feeds/a.xml`)]);
      expect(runs.map((r) => r.status)).toEqual([0, 0, 0]);
      const urls = JSON.parse(readFileSync(feeds, 'utf8')).feeds.map((f: { url: string }) => f.url.replace(base, '')).sort();
      expect(urls).toEqual(['/feeds/b.xml', '/feeds/c.xml', '/feeds/d.xml', '/feeds/e.xml']);
    } finally {
      folder.remove();
    }
  });
});

describe('reading a page off the main thread, within limits', () => {
  it('keeps the event loop free while a deeply nested page is read, and refuses it in one line when it runs past a limit', async () => {
    const folder = corpusFolder({});
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      const started = Date.now();
      const outcomes = await Promise.all(
        ['/nested-1500', '/nested-10000'].map((path) =>
          addArticle(folder.dir, `${base}${path}`, { ...ALLOW, published: '2024-05-02', extractionLimits: { timeoutMs: 1_500, heapMb: 256, stackMb: 1 } }).then(
            () => 'added',
            (error: Error) => error.message,
          ),
        ),
      );
      const elapsed = Date.now() - started;
      for (const outcome of outcomes) expect(outcome).toMatch(/^added$|^http:\/\/127\.0\.0\.1:\d+\/nested-\d+: its article could not be read \(/);
      // A 10 ms timer kept firing: the page was read elsewhere (at least a third of the ticks it could have had).
      expect(ticks).toBeGreaterThan(elapsed / 30);
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      clearInterval(ticker);
      folder.remove();
    }
  });
});

describe('a long feed', () => {
  it('is read 200 new items a pass; the rest wait for the next', async () => {
    const folder = corpusFolder({});
    const env = webSettings({ ALLOW_PRIVATE_URLS: '1', FEEDS_FILE: join(folder.dir, '..', `long-${Date.now()}.json`) });
    try {
      await followFeed(`${base}/long-feed.xml`, env);
      const before = hits;
      const [report] = await pollFeeds(folder.dir, env);
      expect(report!.skipped).toHaveLength(200);
      expect(hits - before).toBe(201);
    } finally {
      folder.remove();
    }
  });
});

describe('fetching never reaches a private address', () => {
  it('refuses private addresses however IPv6 writes them, and the benchmarking and IETF ranges', () => {
    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '::127.0.0.1', '::7f00:1', '64:ff9b::7f00:1', '64:ff9b::10.0.0.1', '2002:7f00:1::1', '2002:c0a8:101::', '198.18.0.1', '198.19.255.1', '192.0.0.8', '::1', 'fe80::1', 'fd00::1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '64:ff9b::5db8:d822', '2002:5db8:d822::1', '198.20.0.1']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it('checks the address it connects to: a name that resolves to loopback is refused and never reached', async () => {
    const before = hits;
    const port = new URL(base).port;
    await expect(fetchPage(`http://localhost:${port}/same-site`, false)).rejects.toThrow(/localhost is a private, loopback or link-local address/);
    expect(hits).toBe(before);
  });

  it('does not echo a huge URL whole', async () => {
    const huge = `http://${'a'.repeat(100_000)}`;
    const error = await addArticle(corpusFolder({}).dir, huge, { allowPrivateUrls: false }).catch((e: Error) => e);
    expect((error as Error).message.length).toBeLessThan(500);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('the corpus loader refuses what it must not read', () => {
  it('names a link out of the folder, a FIFO, a link to a device, an oversized file and a name with a line break, each in one line', () => {
    const outside = corpusFolder({ 'secret.md': article({ title: 'S', outlet: 'O', url: 'https://o.example/s', published: '2020-01-01' }) });
    const folder = corpusFolder({ 'good.md': article({ title: 'G', outlet: 'O', url: 'https://o.example/g', published: '2020-01-01' }) });
    try {
      symlinkSync(join(outside.dir, 'secret.md'), join(folder.dir, 'outside.md'));
      execFileSync('mkfifo', [join(folder.dir, 'pipe.md')]);
      symlinkSync('/dev/zero', join(folder.dir, 'zero.md'));
      writeFileSync(join(folder.dir, 'big.md'), article({ title: 'B', outlet: 'O', url: 'https://o.example/b', published: '2020-01-01' }, 'word '.repeat(MAX_ARTICLE_BYTES / 5 + 10)));
      writeFileSync(join(folder.dir, 'forged\n  x.md: url: fine.md'), article({ title: 'F', outlet: 'O', url: 'https://o.example/f', published: '2020-01-01' }));
      mkdirSync(join(folder.dir, 'inside'));
      writeFileSync(join(folder.dir, 'inside', 'real.md'), 'x');
      symlinkSync(join(folder.dir, 'good.md'), join(folder.dir, 'alias.md'));
      const error = (() => {
        try {
          loadCorpus(folder.dir);
        } catch (e) {
          return e as CorpusError;
        }
      })();
      expect(error).toBeInstanceOf(CorpusError);
      const byFile = new Map(error!.problems.map((p) => [p.file, p.message]));
      expect(byFile.get('outside.md')).toMatch(/link to a file outside the corpus folder/);
      expect(byFile.get('pipe.md')).toMatch(/not a regular file/);
      expect(byFile.get('zero.md')).toMatch(/not a regular file/);
      expect(byFile.get('big.md')).toMatch(/an article file can be at most 5 MB/);
      expect(byFile.get('forged\n  x.md: url: fine.md')).toMatch(/control character/);
      // A link inside the folder is an article like any other (a duplicate here, by its url).
      expect(byFile.get('alias.md') ?? byFile.get('good.md')).toMatch(/duplicates the url/);
      // Every problem is one line: the forged name cannot add lines of its own.
      expect(error!.message.split('\n')).toHaveLength(1 + error!.problems.length);
    } finally {
      folder.remove();
      outside.remove();
    }
  });

  it('indexes an article of 240,000 short sentences without overflowing the stack', () => {
    const body = Array.from({ length: 240_000 }, (_, i) => `Go ${i % 10}.`).join(' ');
    const document = { id: 'long', title: 'Long', outlet: 'O', url: 'https://o.example/long', published: '2020-01-01', path: 'long.md', body };
    const analysed = analyzeCorpus([document]);
    expect(analysed.sentenceTerms.length).toBeGreaterThan(100_000);
  });

  it('a folder written by add after all this still loads and answers', async () => {
    const folder = corpusFolder({});
    try {
      await addArticle(folder.dir, `${base}/latin1`, ALLOW);
      expect(buildInMemory(folder.dir).ask('which Café reopened').answers[0]?.quote).toContain('Café Müller');
    } finally {
      folder.remove();
    }
  });
});
