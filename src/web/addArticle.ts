import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../core/writeFileAtomic.js';
import { LockBusy, withLock } from '../core/fileLock.js';
import { join, resolve } from 'node:path';
import { BUNDLED_CORPUS } from '../corpusDir.js';
import { clipped, MESSAGES } from '../messages.js';
import { getDomain } from 'tldts';
import { formatArticle, splitFrontMatter } from '../core/frontMatter.js';
import { MAX_ARTICLE_BYTES, normalizeUrl } from '../core/corpus.js';
import { MIN_ARTICLE_CHARS } from './extractArticle.js';
import { extractInWorker, type EXTRACTION_LIMITS } from './readInWorker.js';
import { fetchPage, FetchRefused } from './fetchPage.js';

export interface AddOptions {
  /** YYYY-MM-DD, used when the page states no date (and over the page's date when given). */
  published?: string;
  outlet?: string;
  /** YYYY-MM-DD used only when the page states no date (a feed item's date). */
  fallbackPublished?: string;
  /** Let the fetch reach private addresses (tests against 127.0.0.1; default from the configuration). */
  allowPrivateUrls?: boolean;
  /** Time and memory for reading the page (default EXTRACTION_LIMITS). */
  extractionLimits?: { [K in keyof typeof EXTRACTION_LIMITS]: number };
}

export interface AddedArticle {
  /** Relative to the corpus folder. */
  path: string;
  title: string;
  outlet: string;
  url: string;
  published: string;
  paragraphs: number;
}

/** Why an article was not added; nothing was written. `kind` says whether trying again later may help. */
export class AddRefused extends Error {
  override name = 'AddRefused';
  constructor(
    message: string,
    /** 'full': the library holds its most; a feed tries again next poll. */
    readonly kind: 'fetch' | 'duplicate' | 'not-article' | 'no-date' | 'full' = 'fetch',
  ) {
    super(message);
  }
}

/** The lock of a corpus folder, inside it (a dotfile: never read as an article). */
const CORPUS_LOCK = '.verbatim.lock';

/** withLock, with a writer that held the folder too long refused as a fetch is (tried again later). */
function lockedOrRefused<T>(lockPath: string, section: () => T): T {
  try {
    return withLock(lockPath, section);
  } catch (error) {
    if (error instanceof LockBusy) throw new AddRefused(MESSAGES.corpusBusy);
    throw error;
  }
}

/** The seeds ship with Verbatim (and its tests read them): web articles go into a folder of the user's. */
export function isBundledCorpus(dir: string): boolean {
  return resolve(dir) === resolve(BUNDLED_CORPUS);
}

/** The normalised URLs of the articles already in a corpus folder (read from their front matter only). */
function urlsIn(dir: string): Set<string> {
  const urls = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    // A file the loader would refuse (a pipe, a device, too large) is never opened here either.
    const stats = statSync(join(dir, file), { throwIfNoEntry: false });
    if (!stats?.isFile() || stats.size > MAX_ARTICLE_BYTES) continue;
    // A malformed file is `check`'s to report; it cannot be a duplicate of this page.
    const split = splitFrontMatter(readFileSync(join(dir, file), 'utf8').replace(/\r\n?/g, '\n'));
    if (split.ok && typeof split.data.url === 'string') urls.add(normalizeUrl(split.data.url));
  }
  return urls;
}

/**
 * The link an added article keeps: the page's own canonical URL when it is http(s) and on the same
 * site (registrable domain) as the page it was fetched from, else the fetched URL. A page cannot
 * make itself another site's article (an og:url of bbc.com on another host), nor give a link the
 * corpus refuses (javascript:, mailto:, data:, ftp:). `vouched` is false when the page claimed
 * an address elsewhere.
 */
function provenance(claimed: string | undefined, fetched: string): { url: string; vouched: boolean } {
  if (claimed === undefined) return { url: fetched, vouched: true };
  let canonical: URL;
  try {
    canonical = new URL(claimed);
  } catch {
    return { url: fetched, vouched: true };
  }
  if (canonical.protocol !== 'http:' && canonical.protocol !== 'https:') return { url: fetched, vouched: true };
  const site = (u: string) => {
    const host = new URL(u).hostname;
    return getDomain(host, { allowPrivateDomains: true }) ?? host;
  };
  return site(canonical.href) === site(fetched) ? { url: canonical.href, vouched: true } : { url: fetched, vouched: false };
}

/** A file name from the title: lower-case words joined by hyphens, made unique (`taken` says which names are used). */
export function fileNameFor(title: string, taken: (name: string) => boolean): string {
  const stem =
    title
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'article';
  let name = `${stem}.md`;
  for (let n = 2; taken(name); n++) name = `${stem}-${n}.md`;
  return name;
}

/** An article read from the web, not yet stored anywhere. */
export interface WebArticle {
  title: string;
  outlet: string;
  url: string;
  /** The address it was fetched from (after redirects). */
  fetchedUrl: string;
  published: string;
  author: string | undefined;
  body: string;
  paragraphs: number;
}

/**
 * Fetches a page and extracts its article: its paragraphs, one blank line apart, never
 * rewritten. A page that is not an article (too short, no date) is refused.
 */
export async function readWebArticle(address: string, options: AddOptions = {}): Promise<WebArticle> {
  const page = await fetchedForAdd(address, fetchPage(address, options.allowPrivateUrls));
  return articleOfPage(page.html, page.url, options, true);
}

/** A fetch for an add: its refusal (a private address, too slow, too large…) is the add's, after `label`. */
export async function fetchedForAdd<T>(label: string, fetching: Promise<T>): Promise<T> {
  try {
    return await fetching;
  } catch (error) {
    if (error instanceof FetchRefused) throw new AddRefused(`${clipped(label)}: ${error.message}`);
    throw error;
  }
}

/**
 * The article of an HTML page fetched from (or, uploaded, vouched for as) `pageUrl`. A fetched
 * page's own canonical address is kept only on the same site; an uploaded one names its link.
 */
export async function articleOfPage(html: string, pageUrl: string, options: AddOptions, fetched: boolean): Promise<WebArticle> {
  let article;
  try {
    article = await extractInWorker(html, pageUrl, options.extractionLimits);
  } catch (error) {
    // A page the reader cannot take (empty, text only, nested past its depth) is refused like any other.
    throw new AddRefused(`${clipped(pageUrl)}: ${MESSAGES.notExtractable((error as Error).message)}`, 'not-article');
  }
  const { url, vouched } = fetched ? provenance(article.url, pageUrl) : { url: pageUrl, vouched: true };
  const body = article.paragraphs.join('\n\n');
  if (body.length < MIN_ARTICLE_CHARS) throw new AddRefused(`${clipped(pageUrl)}: ${MESSAGES.notAnArticle(body.length, MIN_ARTICLE_CHARS)}`, 'not-article');
  const published = options.published ?? article.published ?? options.fallbackPublished;
  if (!published) throw new AddRefused(`${clipped(pageUrl)}: ${MESSAGES.noPublicationDate}`, 'no-date');
  const title = article.title ?? new URL(url).pathname;
  const host = new URL(pageUrl).hostname.replace(/^www\./, '');
  // A page names its own outlet; when it also claims another site's address, the reader sees where it really came from.
  const claimed = article.outlet ?? host;
  const outlet = options.outlet ?? (vouched ? claimed : MESSAGES.outletVia(claimed, host));
  return { title, outlet, url, fetchedUrl: pageUrl, published, author: article.author, body, paragraphs: article.paragraphs.length };
}

/**
 * Fetches a page, extracts its article and writes it into the corpus folder as one Markdown
 * article (atomically: a failed add writes nothing).
 */
export async function addArticle(corpusDir: string, address: string, options: AddOptions = {}): Promise<AddedArticle> {
  if (isBundledCorpus(corpusDir)) throw new AddRefused(MESSAGES.bundledStays, 'not-article');
  const article = await readWebArticle(address, options);
  const { title, outlet, url, published, author, body } = article;
  // A new folder is fine: the first article starts a corpus.
  mkdirSync(corpusDir, { recursive: true });
  // One writer at a time: two adds of one page (two processes, or /add and a feed poll) write one file.
  const name = lockedOrRefused(join(corpusDir, CORPUS_LOCK), () => {
    const known = urlsIn(corpusDir);
    if (known.has(normalizeUrl(url)) || known.has(normalizeUrl(article.fetchedUrl))) throw new AddRefused(`${clipped(url)}: ${MESSAGES.alreadyInCorpus}`, 'duplicate');
    const free = fileNameFor(title, (name) => existsSync(join(corpusDir, name)));
    writeFileAtomic(join(corpusDir, free), formatArticle({ title, outlet, url, published, author }, body));
    return free;
  });
  return { path: name, title, outlet, url, published, paragraphs: article.paragraphs };
}
