import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LockBusy, withLock } from '../core/fileLock.js';
import { writeFileAtomic } from '../core/writeFileAtomic.js';
import { normalizeUrl } from '../core/corpus.js';
import { webSettings, type WebSettings } from '../config.js';
import { addArticle, AddRefused, isBundledCorpus, type AddedArticle } from './addArticle.js';
import { clipped, MESSAGES } from '../messages.js';
import { fetchFeed, FetchRefused } from './fetchPage.js';
import { parseFeedInWorker } from './readInWorker.js';

/** Item links remembered per feed (newest first), so a poll skips what it has seen. */
const SEEN_PER_FEED = 1_000;

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

export async function followFeed(url: string, web: WebSettings = webSettings()): Promise<FollowedFeed> {
  const path = web.feedsFile;
  const followedAlready = (file: FeedFile) => file.feeds.some((f) => normalizeUrl(f.url) === normalizeUrl(url));
  if (followedAlready(read(path))) throw new FeedRefused(`${clipped(url)}: ${MESSAGES.alreadyFollowed}`);
  // Read once to refuse what is not a feed. Its validators are not kept: the first poll reads the
  // whole feed, and the items already in it are added too (following means "add these").
  const { feed } = await load(url, {}, web);
  const followed: FollowedFeed = { url, ...(feed?.title ? { title: feed.title } : {}), seen: [] };
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
 * One pass over every followed feed, one request at a time: new items' pages are added to the
 * corpus folder. Items refused for good (a duplicate, not an article, no date, a page that breaks
 * the reader) are remembered; ones that failed to fetch are tried again next poll. Progress is
 * saved after every item, so a poll that is stopped half-way does not fetch the same pages again;
 * one failing item or feed never stops the others.
 */
export async function pollFeeds(corpusDir: string, web: WebSettings = webSettings()): Promise<PollReport[]> {
  if (isBundledCorpus(corpusDir)) throw new FeedRefused(MESSAGES.bundledStays);
  const path = web.feedsFile;
  const reports: PollReport[] = [];
  for (const followed of read(path).feeds) {
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
    /** Saves what this feed's poll has learnt so far; the list is read again first, so a feed added or removed meanwhile is kept as it is. */
    const save = (remembered: string[], validators: boolean) =>
      change(path, (file) => {
        const current = file.feeds.find((f) => f.url === followed.url);
        if (!current) return;
        // Every item the feed lists now is remembered, however long the feed.
        current.seen = [...new Set([...remembered, ...current.seen])].slice(0, Math.max(SEEN_PER_FEED, items.length));
        if (validators && loaded.fetched.etag) current.etag = loaded.fetched.etag;
        if (validators && loaded.fetched.lastModified) current.lastModified = loaded.fetched.lastModified;
      });
    const seen = new Set(followed.seen);
    const tried = new Set<string>();
    let retryLater = false;
    if (!loaded.feed) report.notModified = true;
    for (const item of items) {
      if (!item.url) continue;
      let link: string;
      try {
        link = new URL(item.url, loaded.fetched.url).href;
      } catch {
        continue;
      }
      const key = normalizeUrl(link);
      // The same link listed twice (or a thousand times) is fetched once.
      if (seen.has(key) || tried.has(key)) continue;
      if (tried.size === ITEMS_PER_POLL) {
        retryLater = true;
        break;
      }
      tried.add(key);
      const day = item.date;
      try {
        report.added.push(await addArticle(corpusDir, link, { ...(day ? { fallbackPublished: day.toISOString().slice(0, 10) } : {}), allowPrivateUrls: web.allowPrivateUrls }));
        save([key], false);
      } catch (error) {
        const refused = error instanceof AddRefused;
        report.skipped.push({ url: clipped(link), reason: refused ? error.message : `${clipped(link)}: ${MESSAGES.notExtractable((error as Error).message)}` });
        if (!refused || error.kind !== 'fetch') save([key], false);
        else retryLater = true;
      }
    }
    // The feed's validators are kept only when every item was dealt with: a 304 next time must not hide items still to fetch.
    save([], !retryLater);
  }
  return reports;
}
