// Articles and feeds added to a server's library (Discord's /add, uploads and /feed): read from the web or a file, written to the database.
import { extname } from 'node:path';
import { isCalendarDate, isHttpUrl, MAX_ARTICLE_BYTES, normalizeUrl } from '../core/corpus.js';
import { splitFrontMatter } from '../core/frontMatter.js';
import { webSettings, type WebSettings } from '../config.js';
import { clipped, MESSAGES } from '../messages.js';
import { AddRefused, articleOfPage, fetchedForAdd, fileNameFor, readWebArticle, type AddedArticle, type AddOptions, type WebArticle } from '../web/addArticle.js';
import { MIN_ARTICLE_CHARS } from '../web/extractArticle.js';
import { FeedRefused, pollLedger, readFeedTitle, SEEN_PER_FEED, type FeedLedger, type PollReport } from '../web/feeds.js';
import { decodeHtml, fetchFile } from '../web/fetchPage.js';
import { LibraryRefused, type LibraryStore } from './libraryStore.js';

/** A server's library, as a command that changes it holds it. */
export interface LibraryTarget {
  store: LibraryStore;
  serverId: string;
}

/** Writes an article into the library under a file name made from its title; a full library or a duplicate refuses it. */
async function store({ store, serverId }: LibraryTarget, article: WebArticle): Promise<AddedArticle> {
  const { title, outlet, url, published, author, body } = article;
  try {
    const path = await store.addArticle(serverId, { path: '', title, outlet, url, published, ...(author ? { author } : {}), body }, (taken) => fileNameFor(title, taken));
    return { path, title, outlet, url, published, paragraphs: article.paragraphs };
  } catch (error) {
    if (error instanceof LibraryRefused) throw new AddRefused(error.message, error.reason === 'full' ? 'full' : 'duplicate');
    throw error;
  }
}

/** /add url: in a server: the page's article into the server's library. */
export async function addPageToLibrary(target: LibraryTarget, address: string, options: AddOptions = {}): Promise<AddedArticle> {
  const article = await readWebArticle(address, options);
  // The fetched address counts too: a page that names another canonical link is still the same page.
  const known = new Set((await target.store.articleList(target.serverId)).map((d) => normalizeUrl(d.url)));
  if (known.has(normalizeUrl(article.fetchedUrl))) throw new AddRefused(`${clipped(article.fetchedUrl)}: ${MESSAGES.alreadyInLibrary}`, 'duplicate');
  return store(target, article);
}

const UPLOADABLE = new Set(['.md', '.markdown', '.txt', '.html', '.htm']);

/** What the person uploading says about the file: its link (required), and the date and outlet when the file has none. */
export interface UploadOptions {
  url: string;
  published?: string;
  outlet?: string;
  allowPrivateUrls?: boolean;
}

/**
 * /add file: in a server: an uploaded article. A page (.html) is read as a fetched one is; a text
 * file (.md, .txt) is the article as written, its title from the front matter or its first line,
 * its other fields from the front matter or the options. `url` is the article's link.
 */
export async function addUploadToLibrary(target: LibraryTarget, fileAddress: string, options: UploadOptions): Promise<AddedArticle> {
  const name = decodeURIComponent(new URL(fileAddress).pathname.split('/').pop() ?? '');
  const extension = extname(name).toLowerCase();
  if (!UPLOADABLE.has(extension)) throw new AddRefused(MESSAGES.notUploadable(clipped(name)), 'not-article');
  // The article's link, as the corpus would take it in a file's front matter.
  if (!isHttpUrl(options.url)) throw new AddRefused(MESSAGES.notAUrl(clipped(options.url)), 'not-article');
  const link = new URL(options.url);
  const file = await fetchedForAdd(name, fetchFile(fileAddress, options.allowPrivateUrls));
  if (file.bytes.length > MAX_ARTICLE_BYTES) throw new AddRefused(`${clipped(name)}: ${MESSAGES.tooLarge(MAX_ARTICLE_BYTES / 1024 / 1024)}`, 'not-article');
  const known = { ...(options.published ? { published: options.published } : {}), ...(options.outlet ? { outlet: options.outlet } : {}) };
  let article: WebArticle;
  if (extension === '.html' || extension === '.htm') {
    let html: string;
    try {
      html = decodeHtml(file.bytes, file.contentType);
    } catch (error) {
      throw new AddRefused(`${clipped(name)}: ${(error as Error).message}`, 'not-article');
    }
    article = await articleOfPage(html, link.href, known, false);
  } else {
    article = textArticle(name, file.bytes, link.href, known);
  }
  return store(target, article);
}

/** A text or Markdown file as an article: nothing of its text is changed but line endings. */
function textArticle(name: string, bytes: Buffer, url: string, options: AddOptions): WebArticle {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AddRefused(`${clipped(name)}: ${MESSAGES.notUtf8}`, 'not-article');
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  let fields: Record<string, unknown> = {};
  const split = splitFrontMatter(text);
  if (split.ok) {
    fields = split.data;
    text = split.body;
  } else if (split.reason !== 'missing') {
    throw new AddRefused(`${clipped(name)}: front matter ${split.message}`, 'not-article');
  }
  const field = (key: string) => (typeof fields[key] === 'string' && (fields[key] as string).trim() !== '' ? (fields[key] as string).trim() : undefined);
  let title = field('title');
  if (title === undefined) {
    // The first line is the title (a Markdown heading without its #), and the article is what follows.
    const first = /^\s*([^\n]+)\n?/.exec(text);
    title = first?.[1]!.replace(/^#+\s*/, '').trim();
    text = text.slice(first?.[0].length ?? 0);
  }
  const body = text.replace(/^\n+/, '').replace(/\s+$/, '');
  if (!title || body.length < MIN_ARTICLE_CHARS) throw new AddRefused(`${clipped(name)}: ${MESSAGES.notAnArticle(body.length, MIN_ARTICLE_CHARS)}`, 'not-article');
  const published = options.published ?? field('published');
  if (!published) throw new AddRefused(`${clipped(name)}: ${MESSAGES.noPublicationDate}`, 'no-date');
  if (!isCalendarDate(published)) throw new AddRefused(`${clipped(name)}: ${MESSAGES.notADate('published')}`, 'no-date');
  const outlet = options.outlet ?? field('outlet') ?? new URL(url).hostname.replace(/^www\./, '');
  return { title, outlet, url, fetchedUrl: url, published, author: field('author'), body, paragraphs: body.split(/\n\s*\n/).length };
}

/** A server's feeds, progress and articles in the database, for a poll (see pollLedger). */
function libraryLedger(target: LibraryTarget): FeedLedger {
  const { store: db, serverId } = target;
  return {
    feeds: async () => (await db.feeds(serverId)).map((f) => ({ url: f.url, etag: f.etag ?? undefined, lastModified: f.lastModified ?? undefined })),
    seen: (feed, keys) => db.seenItems(serverId, feed, keys),
    remember: (feed, keys, listed) => db.markSeen(serverId, feed, keys, Math.max(SEEN_PER_FEED, listed)),
    saveValidators: (feed, { etag, lastModified }) => db.saveValidators(serverId, feed, etag ?? null, lastModified ?? null),
    add: (link, options) => addPageToLibrary(target, link, options),
  };
}

/** One pass over a server's feeds: their new articles into its library. */
export function pollLibraryFeeds(target: LibraryTarget, web: WebSettings = webSettings()): Promise<PollReport[]> {
  return pollLedger(libraryLedger(target), web);
}

/** /feed add in a server: read once to refuse what is not a feed, then followed within the library's quota. */
export async function followLibraryFeed(target: LibraryTarget, url: string, web: WebSettings = webSettings()): Promise<{ url: string; title?: string }> {
  if ((await target.store.feeds(target.serverId)).some((f) => normalizeUrl(f.url) === normalizeUrl(url))) throw new FeedRefused(`${clipped(url)}: ${MESSAGES.alreadyFollowed}`);
  const title = await readFeedTitle(url, web);
  try {
    await target.store.followFeed(target.serverId, url, title ?? null);
  } catch (error) {
    if (error instanceof LibraryRefused) throw new FeedRefused(error.reason === 'duplicate' ? `${clipped(url)}: ${MESSAGES.alreadyFollowed}` : error.message);
    throw error;
  }
  return { url, ...(title ? { title } : {}) };
}
