import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibraryStore, type Quotas } from '../src/store/libraryStore.js';
import { addPageToLibrary, addUploadToLibrary, followLibraryFeed, pollLibraryFeeds } from '../src/store/libraryWrites.js';
import { AddRefused } from '../src/web/addArticle.js';
import { FeedRefused } from '../src/web/feeds.js';

const web = { allowPrivateUrls: true, feedsFile: '/nonexistent/feeds.json' };
const sentence = (n: number) => `The ferry crossing number ${n} carried 212 passengers across the sound on Tuesday, the operator said in a statement.`;
const body = (n: number) => [sentence(n), sentence(n + 100), sentence(n + 200)].join('\n\n');
const html = (title: string, n: number) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><meta property="article:published_time" content="2024-04-0${n % 9 || 1}T10:00:00Z"></head><body><article><h1>${title}</h1>${body(n)
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;

describe("a server's library written from pages, uploads and feeds", () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'verbatim-writes-'));
  let databases = 0;
  const open = (quotas: Partial<Quotas> = {}, file = join(scratch, `db${databases++}.sqlite`)) =>
    LibraryStore.open({ sqlitePath: file }, { articles: 2, bytes: 1_000_000, feeds: 5, keepDays: 30, ...quotas });

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const item = /^\/item\/(\d+)$/.exec(req.url ?? '');
      if (item) {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(html(`Crossing ${item[1]}`, Number(item[1])));
      }
      const files: Record<string, [string, string | Buffer]> = {
        '/notes.txt': ['text/plain', `Ferry notes\r\n\r\n${body(1).replace(/\n/g, '\r\n')}\r\n`],
        '/story.md': ['text/markdown', `---\ntitle: The night ferry\noutlet: Sound Gazette\npublished: "2024-03-09"\n---\n${body(2)}\n`],
        '/page.html': ['application/octet-stream', html('Harbour crossing', 3)],
        '/report.pdf': ['application/pdf', '%PDF-1.4'],
        '/latin1.txt': ['text/plain', Buffer.from(`Caf\xe9 notes\n\n${body(4)}`, 'latin1')],
      };
      const file = files[req.url ?? ''];
      if (file) {
        res.writeHead(200, { 'content-type': file[0] });
        return res.end(file[1]);
      }
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const items = [11, 12, 13].map((n) => `<item><title>Crossing ${n}</title><link>${base}/item/${n}</link></item>`).join('');
        return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Ferry news</title>${items}</channel></rss>`);
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<p>Not found</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(scratch, { recursive: true, force: true });
  });

  it('keeps an uploaded text file word for word (line endings made LF), titled by its first line, dated and linked by the uploader', async () => {
    const store = await open({ articles: 10 });
    const target = { store, serverId: '1' };
    const added = await addUploadToLibrary(target, `${base}/notes.txt`, { url: 'https://sound.example/notes', published: '2024-02-01', allowPrivateUrls: true });
    expect(added).toMatchObject({ title: 'Ferry notes', outlet: 'sound.example', url: 'https://sound.example/notes', published: '2024-02-01', path: 'ferry-notes.md' });
    const [stored] = await store.documents('1');
    expect(stored!.body).toBe(body(1));
    // Markdown with front matter gives its own fields; a page is read as a fetched one is, whatever type the server says.
    expect(await addUploadToLibrary(target, `${base}/story.md`, { url: 'https://sound.example/night', allowPrivateUrls: true })).toMatchObject({ title: 'The night ferry', outlet: 'Sound Gazette', published: '2024-03-09' });
    expect(await addUploadToLibrary(target, `${base}/page.html`, { url: 'https://sound.example/harbour', allowPrivateUrls: true })).toMatchObject({ title: 'Harbour crossing', published: '2024-04-03' });
    expect((await store.documents('1')).map((d) => d.body)).toContain(body(3));
    await store.close();
  });

  it('refuses, in one line naming the file, what cannot be an article', async () => {
    const store = await open({ articles: 10 });
    const target = { store, serverId: '1' };
    const refusal = (work: Promise<unknown>) => work.then(() => 'added', (error: Error) => (error instanceof AddRefused ? error.message : `threw ${error.name}`));
    expect(await refusal(addUploadToLibrary(target, `${base}/report.pdf`, { url: 'https://sound.example/r', allowPrivateUrls: true }))).toBe('report.pdf: only .md, .txt and .html files can be added');
    expect(await refusal(addUploadToLibrary(target, `${base}/notes.txt`, { url: 'https://sound.example/n', allowPrivateUrls: true }))).toMatch(/^notes\.txt: .*no publication date/);
    expect(await refusal(addUploadToLibrary(target, `${base}/notes.txt`, { url: 'javascript:alert(1)', published: '2024-01-01', allowPrivateUrls: true }))).toMatch(/^not a URL/);
    expect(await refusal(addUploadToLibrary(target, `${base}/latin1.txt`, { url: 'https://sound.example/l', published: '2024-01-01', allowPrivateUrls: true }))).toMatch(/^latin1\.txt: is not valid UTF-8/);
    expect(await refusal(addUploadToLibrary(target, `${base}/notes.txt`, { url: 'https://sound.example/n', published: '2024-01-01' }))).toMatch(/private, loopback or link-local/);
    expect(await store.documents('1')).toEqual([]);
    await store.close();
  });

  it('refuses a page already in the library and a full library, and names a second article of the same title apart', async () => {
    const store = await open();
    const target = { store, serverId: '7' };
    await addPageToLibrary(target, `${base}/item/1`, { allowPrivateUrls: true });
    const again = await addPageToLibrary(target, `${base}/item/1`, { allowPrivateUrls: true }).catch((e: AddRefused) => e);
    expect(again).toMatchObject({ kind: 'duplicate' });
    const twin = await addUploadToLibrary(target, `${base}/notes.txt`, { url: 'https://sound.example/1', published: '2024-01-01', allowPrivateUrls: true });
    expect(twin.path).toBe('ferry-notes.md');
    const full = await addPageToLibrary(target, `${base}/item/2`, { allowPrivateUrls: true }).catch((e: AddRefused) => e);
    expect(full).toMatchObject({ kind: 'full' });
    expect((full as Error).message).toMatch(/holds its most articles \(2\)/);
    // Another server's library is another library.
    expect((await addPageToLibrary({ store, serverId: '8' }, `${base}/item/1`, { allowPrivateUrls: true })).path).toBe('crossing-1.md');
    await store.close();
  });

  it("polls a server's feeds into its library: a full library waits for room, and nothing is fetched twice", async () => {
    const file = join(scratch, 'feeds.sqlite');
    const small = await open({ articles: 2 }, file);
    const target = { store: small, serverId: '5' };
    expect(await followLibraryFeed(target, `${base}/feed.xml`, web)).toEqual({ url: `${base}/feed.xml`, title: 'Ferry news' });
    await expect(followLibraryFeed(target, `${base}/feed.xml`, web)).rejects.toThrow(FeedRefused);
    const [first] = await pollLibraryFeeds(target, web);
    expect(first!.added.map((a) => a.title)).toEqual(['Crossing 11', 'Crossing 12']);
    expect(first!.skipped).toHaveLength(1);
    expect(first!.skipped[0]!.reason).toMatch(/holds its most articles/);
    await small.close();
    // Room made (a larger quota): the next poll adds only the article that waited.
    const larger = await open({ articles: 10 }, file);
    requests.length = 0;
    const [second] = await pollLibraryFeeds({ store: larger, serverId: '5' }, web);
    expect(second!.added.map((a) => a.title)).toEqual(['Crossing 13']);
    expect(requests.filter((r) => r.startsWith('/item/'))).toEqual(['/item/13']);
    const [third] = await pollLibraryFeeds({ store: larger, serverId: '5' }, web);
    expect(third!.added).toEqual([]);
    expect((await larger.documents('5')).map((d) => d.title)).toEqual(['Crossing 11', 'Crossing 12', 'Crossing 13']);
    await larger.close();
  });
});
