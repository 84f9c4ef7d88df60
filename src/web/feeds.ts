import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LockBusy, withLock } from '../core/fileLock.js';
import { writeFileAtomic } from '../core/writeFileAtomic.js';
import { normalizeUrl } from '../core/corpus.js';
import { webSettings, type WebSettings } from '../config.js';
import { addArticle, AddRefused, isBundledCorpus, type AddedArticle, type AddOptions } from './addArticle.js';
import { clipped, MESSAGES } from '../messages.js';
import { fetchFeed, FetchRefused } from './fetchPage.js';
import { parseFeedInWorker } from './readInWorker.js';

/** Item links remembered per feed (newest first), so a poll skips what it has seen. */
export const SEEN_PER_FEED = 1_000;

export interface FollowedFeed {
  url: string;
  title?: string;
  etag?: string;
  lastModified?: string;
  /** Normalised links of items already handled (added, duplicate, or refused for good). */
  seen: string[];
}

interface FeedFile {
  feeds: FollowedFeed[];
}


export class FeedRefused extends Error {
  override name = 'FeedRefused';
}

function read(path: string): FeedFile {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as FeedFile;
    if (!Array.isArray(parsed.feeds)) throw new Error('no "feeds" list');
    return parsed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { feeds: [] };
    throw new FeedRefused(MESSAGES.feedFileUnreadable(path, (error as Error).message));
  }
}

/** Written whole, by rename: a crash mid-write never loses the list. */
function write(path: string, file: FeedFile): void {
  writeFileAtomic(path, JSON.stringify(file, null, 2) + '\n');
}

/**
 * Reads the list, changes it and writes it back as one step no other writer (another process, or
 * a /feed command while a poll runs) can come between: nobody's change is lost.
 */
function change<T>(path: string, edit: (file: FeedFile) => T): T {
  mkdirSync(dirname(path), { recursive: true });
  try {
    return withLock(`${path}.lock`, () => {
      const file = read(path);
      const result = edit(file);
      write(path, file);
      return result;
    });
  } catch (error) {
    if (error instanceof LockBusy) throw new FeedRefused(MESSAGES.feedsBusy(path));
    throw error;
  }
}

/** Fetches and parses a feed; a page that is not RSS, Atom or RDF is refused. */
async function load(url: string, since: { etag?: string; lastModified?: string }, web: WebSettings) {
  let fetched;
  try {
    fetched = await fetchFeed(url, since, web.allowPrivateUrls);
  } catch (error) {
    if (error instanceof FetchRefused) throw new FeedRefused(`${url}: ${error.message}`);
    throw error;
  }
  if (fetched.xml === undefined) return { fetched, feed: undefined };
  try {
    return { fetched, feed: await parseFeedInWorker(fetched.xml) };
  } catch (error) {
    throw new FeedRefused(`${url}: ${MESSAGES.notAFeed((error as Error).message.split('\n')[0]!)}`);
  }
}

/** Reads a feed once to refuse what is not one; its title, if it has one. */
export async function readFeedTitle(url: string, web: WebSettings = webSettings()): Promise<string | undefined> {
  const { feed } = await load(url, {}, web);
  return feed?.title || undefined;
}

export async function followFeed(url: string, web: WebSettings = webSettings()): Promise<FollowedFeed> {
  const path = web.feedsFile;
  const followedAlready = (file: FeedFile) => file.feeds.some((f) => normalizeUrl(f.url) === normalizeUrl(url));
  if (followedAlready(read(path))) throw new FeedRefused(`${clipped(url)}: ${MESSAGES.alreadyFollowed}`);
  // Its validators are not kept: the first poll reads the whole feed, and the items already in
  // it are added too (following means "add these").
  const title = await readFeedTitle(url, web);
  const followed: FollowedFeed = { url, ...(title ? { title } : {}), seen: [] };
  return change(path, (file) => {
    // Asked twice at once: the list may have changed while the feed was read.
    if (followedAlready(file)) throw new FeedRefused(`${clipped(url)}: ${MESSAGES.alreadyFollowed}`);
    file.feeds.push(followed);
    return followed;
  });
}

export function listFeeds(web: WebSettings = webSettings()): FollowedFeed[] {
  return read(web.feedsFile).feeds;
}

export function unfollowFeed(url: string, web: WebSettings = webSettings()): void {
  change(web.feedsFile, (file) => {
    const kept = file.feeds.filter((f) => normalizeUrl(f.url) !== normalizeUrl(url));
    if (kept.length === file.feeds.length) throw new FeedRefused(`${clipped(url)}: ${MESSAGES.notFollowed}`);
    file.feeds = kept;
  });
}

export interface PollReport {
  feed: string;
  added: AddedArticle[];
  /** Items not added, each with its one-line reason. */
  skipped: { url: string; reason: string }[];
  /** The feed itself could not be read this time. */
  error?: string;
  notModified?: boolean;
}

/** New items whose pages one poll fetches per feed; the rest wait for the next poll (a 100,000-item feed is not read in one pass). */
const ITEMS_PER_POLL = 200;

/**
 * Where a poll reads the followed feeds and keeps its progress, and where it adds articles: the
 * feeds file and the corpus folder, or a server's library in the database.
 */
export interface FeedLedger {
  feeds(): Promise<{ url: string; etag?: string | undefined; lastModified?: string | undefined }[]>;
  /** Which of these normalised item links the feed listed before. */
  seen(feed: string, keys: readonly string[]): Promise<Set<string>>;
  /** Remembers handled items; `listed` is how many items the feed lists now (all of them are kept). */
  remember(feed: string, keys: readonly string[], listed: number): Promise<void>;
  saveValidators(feed: string, validators: { etag?: string | undefined; lastModified?: string | undefined }): Promise<void>;
  /** Adds an item's page, or refuses it (AddRefused: its kind says whether to try again later). */
  add(link: string, options: AddOptions): Promise<AddedArticle>;
}

/** The feeds file and the corpus folder (FEEDS_FILE, CORPUS_DIR). */
function folderLedger(corpusDir: string, web: WebSettings): FeedLedger {
  const path = web.feedsFile;
  return {
    feeds: async () => read(path).feeds,
    seen: async (feed) => new Set(read(path).feeds.find((f) => f.url === feed)?.seen ?? []),
    remember: async (feed, keys, listed) =>
      change(path, (file) => {
        // Read again first: a feed added or removed meanwhile is kept as it is.
        const current = file.feeds.find((f) => f.url === feed);
        if (current) current.seen = [...new Set([...keys, ...current.seen])].slice(0, Math.max(SEEN_PER_FEED, listed));
      }),
    saveValidators: async (feed, { etag, lastModified }) =>
      change(path, (file) => {
        const current = file.feeds.find((f) => f.url === feed);
        if (current && etag) current.etag = etag;
        if (current && lastModified) current.lastModified = lastModified;
      }),
    add: (link, options) => addArticle(corpusDir, link, options),
  };
}

/**
 * One pass over every followed feed of the corpus folder: see pollLedger.
 */
export async function pollFeeds(corpusDir: string, web: WebSettings = webSettings()): Promise<PollReport[]> {
  if (isBundledCorpus(corpusDir)) throw new FeedRefused(MESSAGES.bundledStays);
  return pollLedger(folderLedger(corpusDir, web), web);
}

/**
 * One pass over every followed feed, one request at a time: new items' pages are added. Items
 * refused for good (a duplicate, not an article, no date, a page that breaks the reader) are
 * remembered; ones that failed to fetch are tried again next poll, and a full library stops the
 * feed until the next poll. Progress is saved after every item, so a poll that is stopped
 * half-way does not fetch the same pages again; one failing item or feed never stops the others.
 */
export async function pollLedger(ledger: FeedLedger, web: WebSettings = webSettings()): Promise<PollReport[]> {
  const reports: PollReport[] = [];
  for (const followed of await ledger.feeds()) {
    const report: PollReport = { feed: followed.url, added: [], skipped: [] };
    reports.push(report);
    let loaded;
    try {
      loaded = await load(followed.url, { ...(followed.etag ? { etag: followed.etag } : {}), ...(followed.lastModified ? { lastModified: followed.lastModified } : {}) }, web);
    } catch (error) {
      report.error = error instanceof FeedRefused ? error.message : MESSAGES.notExtractable((error as Error).message);
      continue;
    }
    const items = loaded.feed?.items ?? [];
    const links = new Map<string, { link: string; day: Date | undefined }>();
    for (const item of items) {
      if (!item.url) continue;
      let link: string;
      try {
        link = new URL(item.url, loaded.fetched.url).href;
      } catch {
        continue;
      }
      // The same link listed twice (or a thousand times) is fetched once.
      if (!links.has(normalizeUrl(link))) links.set(normalizeUrl(link), { link, day: item.date });
    }
    const seen = await ledger.seen(followed.url, [...links.keys()]);
    let tried = 0;
    let retryLater = false;
    if (!loaded.feed) report.notModified = true;
    for (const [key, { link, day }] of links) {
      if (seen.has(key)) continue;
      if (tried === ITEMS_PER_POLL) {
        retryLater = true;
        break;
      }
      tried++;
      try {
        report.added.push(await ledger.add(link, { ...(day ? { fallbackPublished: day.toISOString().slice(0, 10) } : {}), allowPrivateUrls: web.allowPrivateUrls }));
        await ledger.remember(followed.url, [key], items.length);
      } catch (error) {
        const refused = error instanceof AddRefused;
        report.skipped.push({ url: clipped(link), reason: refused ? error.message : `${clipped(link)}: ${MESSAGES.notExtractable((error as Error).message)}` });
        if (refused && error.kind === 'full') {
          retryLater = true;
          break;
        }
        if (!refused || error.kind !== 'fetch') await ledger.remember(followed.url, [key], items.length);
        else retryLater = true;
      }
    }
    await ledger.remember(followed.url, [], items.length);
    // The feed's validators are kept only when every item was dealt with: a 304 next time must not hide items still to fetch.
    if (!retryLater) await ledger.saveValidators(followed.url, loaded.fetched);
  }
  return reports;
}
