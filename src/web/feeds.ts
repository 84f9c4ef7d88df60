import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/writeFileAtomic.js';
import { parseFeed } from '@rowanmanning/feed-parser';
import { normalizeUrl } from '../core/corpus.js';
import { PACKAGE_ROOT } from '../packageRoot.js';
import { addArticle, AddRefused, isBundledCorpus, type AddedArticle } from './addArticle.js';
import { MESSAGES } from '../messages.js';
import { fetchFeed, FetchRefused } from './fetchPage.js';

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

/** FEEDS_FILE, else data/feeds.json in the project: outside the corpus folder, which holds only articles. */
function feedsFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.FEEDS_FILE?.trim() || join(PACKAGE_ROOT, 'data', 'feeds.json');
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

/** Fetches and parses a feed; a page that is not RSS, Atom or RDF is refused. */
async function load(url: string, since: { etag?: string; lastModified?: string }, env: NodeJS.ProcessEnv) {
  let fetched;
  try {
    fetched = await fetchFeed(url, since, env);
  } catch (error) {
    if (error instanceof FetchRefused) throw new FeedRefused(`${url}: ${error.message}`);
    throw error;
  }
  if (fetched.xml === undefined) return { fetched, feed: undefined };
  try {
    return { fetched, feed: parseFeed(fetched.xml) };
  } catch (error) {
    throw new FeedRefused(`${url}: ${MESSAGES.notAFeed((error as Error).message.split('\n')[0]!)}`);
  }
}

export async function followFeed(url: string, env: NodeJS.ProcessEnv = process.env): Promise<FollowedFeed> {
  const path = feedsFile(env);
  const file = read(path);
  if (file.feeds.some((f) => normalizeUrl(f.url) === normalizeUrl(url))) throw new FeedRefused(`${url}: ${MESSAGES.alreadyFollowed}`);
  // Read once to refuse what is not a feed. Its validators are not kept: the first poll reads the
  // whole feed, and the items already in it are added too (following means "add these").
  const { feed } = await load(url, {}, env);
  const followed: FollowedFeed = { url, ...(feed?.title ? { title: feed.title } : {}), seen: [] };
  file.feeds.push(followed);
  write(path, file);
  return followed;
}

export function listFeeds(env: NodeJS.ProcessEnv = process.env): FollowedFeed[] {
  return read(feedsFile(env)).feeds;
}

export function unfollowFeed(url: string, env: NodeJS.ProcessEnv = process.env): void {
  const path = feedsFile(env);
  const file = read(path);
  const kept = file.feeds.filter((f) => normalizeUrl(f.url) !== normalizeUrl(url));
  if (kept.length === file.feeds.length) throw new FeedRefused(`${url}: ${MESSAGES.notFollowed}`);
  write(path, { feeds: kept });
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

/**
 * One pass over every followed feed, one request at a time: new items' pages are added to the
 * corpus folder. Items refused for good (a duplicate, not an article, no date) are remembered;
 * ones that failed to fetch are tried again next poll.
 */
export async function pollFeeds(corpusDir: string, env: NodeJS.ProcessEnv = process.env): Promise<PollReport[]> {
  if (isBundledCorpus(corpusDir)) throw new FeedRefused(MESSAGES.bundledStays);
  const path = feedsFile(env);
  const reports: PollReport[] = [];
  for (const followed of read(path).feeds) {
    const report: PollReport = { feed: followed.url, added: [], skipped: [] };
    reports.push(report);
    let loaded;
    try {
      loaded = await load(followed.url, { ...(followed.etag ? { etag: followed.etag } : {}), ...(followed.lastModified ? { lastModified: followed.lastModified } : {}) }, env);
    } catch (error) {
      if (!(error instanceof FeedRefused)) throw error;
      report.error = error.message;
      continue;
    }
    const seen = new Set(followed.seen);
    const remember: string[] = [];
    if (!loaded.feed) report.notModified = true;
    for (const item of loaded.feed?.items ?? []) {
      if (!item.url) continue;
      const link = new URL(item.url, loaded.fetched.url).href;
      if (seen.has(normalizeUrl(link))) continue;
      const day = item.published ?? item.updated;
      try {
        report.added.push(await addArticle(corpusDir, link, { ...(day ? { fallbackPublished: day.toISOString().slice(0, 10) } : {}), env }));
        remember.push(normalizeUrl(link));
      } catch (error) {
        if (!(error instanceof AddRefused)) throw error;
        report.skipped.push({ url: link, reason: error.message });
        if (error.kind !== 'fetch') remember.push(normalizeUrl(link));
      }
    }
    // The list is read again before writing: a feed added or removed meanwhile is kept as it is.
    const file = read(path);
    const current = file.feeds.find((f) => f.url === followed.url);
    if (current) {
      current.seen = [...remember, ...current.seen].slice(0, SEEN_PER_FEED);
      if (loaded.fetched.etag) current.etag = loaded.fetched.etag;
      if (loaded.fetched.lastModified) current.lastModified = loaded.fetched.lastModified;
      write(path, file);
    }
  }
  return reports;
}
