// Moving articles and feeds between a library in the database and today's files: a corpus folder of Markdown, data/feeds.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../core/corpus.js';
import { formatArticle } from '../core/frontMatter.js';
import { writeFileAtomic } from '../core/writeFileAtomic.js';
import { LibraryRefused, type LibraryStore } from './libraryStore.js';

export interface ImportReport {
  articles: number;
  feeds: number;
  /** What was left out, each with why (already there, or the library full). */
  skipped: { what: string; reason: string }[];
}

/** Imports a corpus folder (validated as a start would) into a library: every article, or a reason for each left out. */
export async function importFolder(store: LibraryStore, libraryId: string, dir: string): Promise<ImportReport> {
  const { documents } = loadCorpus(dir);
  const report: ImportReport = { articles: 0, feeds: 0, skipped: [] };
  for (const { id: _id, ...document } of documents) {
    try {
      await store.addArticle(libraryId, document);
      report.articles++;
    } catch (error) {
      if (!(error instanceof LibraryRefused)) throw error;
      report.skipped.push({ what: document.path, reason: error.message });
    }
  }
  return report;
}

interface FeedsFile {
  feeds: { url: string; title?: string; etag?: string; lastModified?: string; seen?: string[] }[];
}

/** Imports data/feeds.json (the feeds, their validators and every item they had listed) into a library. */
export async function importFeeds(store: LibraryStore, libraryId: string, feedsFile: string): Promise<ImportReport> {
  const report: ImportReport = { articles: 0, feeds: 0, skipped: [] };
  if (!existsSync(feedsFile)) return report;
  const file = JSON.parse(readFileSync(feedsFile, 'utf8')) as FeedsFile;
  for (const feed of file.feeds ?? []) {
    try {
      await store.followFeed(libraryId, feed.url, feed.title ?? null);
      await store.saveValidators(libraryId, feed.url, feed.etag ?? null, feed.lastModified ?? null);
      await store.markSeen(libraryId, feed.url, feed.seen ?? []);
      report.feeds++;
    } catch (error) {
      if (!(error instanceof LibraryRefused)) throw error;
      report.skipped.push({ what: feed.url, reason: error.message });
    }
  }
  return report;
}

/** Writes a library's articles into a folder as today's Markdown files; a folder that already has files is refused. */
export async function exportLibrary(store: LibraryStore, libraryId: string, dir: string): Promise<number> {
  if (existsSync(dir) && readdirSync(dir).some((name) => !name.startsWith('.'))) throw new LibraryRefused(`${dir} is not empty; export into a new or empty folder`);
  const documents = await store.documents(libraryId);
  for (const d of documents) writeFileAtomic(join(dir, d.path), formatArticle({ title: d.title, outlet: d.outlet, url: d.url, published: d.published, author: d.author }, d.body));
  return documents.length;
}
