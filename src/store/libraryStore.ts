// Each server's library in the database: its articles, feeds, feed progress and settings, within quotas.
import { sql, type Kysely } from 'kysely';
import { normalizeUrl } from '../core/corpus.js';
import { formatArticle } from '../core/frontMatter.js';
import type { Document } from '../core/types.js';
import { openDatabase, type StoreLocation } from './openStore.js';
import type { Database } from './schema.js';

/** How much one server's library may hold, and how long a removed server's data is kept. */
export interface Quotas {
  articles: number;
  bytes: number;
  feeds: number;
  keepDays: number;
}

export interface LibrarySettings {
  announceChannelId: string | null;
  searchBase: boolean;
  managerRoleId: string | null;
}

export interface Usage {
  articles: number;
  bytes: number;
  feeds: number;
}

export interface StoredFeed {
  url: string;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
}

/** A change a library cannot take: full, or the article or feed is already there. Nothing was written. */
export class LibraryRefused extends Error {
  override name = 'LibraryRefused';
  constructor(
    message: string,
    readonly reason: 'full' | 'duplicate' | 'other' = 'other',
  ) {
    super(message);
  }
}

const now = () => new Date().toISOString();

/** A row that points at one that is gone, as SQLite and PostgreSQL report it. */
function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}

/** An article's size as the Markdown file it is exported as: what the bytes quota counts. */
function markdownBytes(document: Omit<Document, 'id'>): number {
  return Buffer.byteLength(formatArticle({ title: document.title, outlet: document.outlet, url: document.url, published: document.published, author: document.author }, document.body));
}

export class LibraryStore {
  private constructor(
    private readonly db: Kysely<Database>,
    readonly engine: 'sqlite' | 'postgres',
    readonly quotas: Quotas,
  ) {}

  /** Opens (and migrates) the database: PostgreSQL when `databaseUrl` is set, else the SQLite file. */
  static async open(location: StoreLocation, quotas: Quotas): Promise<LibraryStore> {
    const { db, engine } = await openDatabase(location);
    return new LibraryStore(db, engine, quotas);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  /** The library of a server, made on first use; a server that came back is no longer marked removed. */
  async ensureLibrary(id: string): Promise<void> {
    await this.db
      .insertInto('libraries')
      .values({ id, created_at: now(), announce_channel_id: null, search_base: 1, manager_role_id: null, removed_at: null })
      .onConflict((c) => c.column('id').doUpdateSet({ removed_at: null }))
      .execute();
  }

  async libraryIds(): Promise<string[]> {
    return (await this.db.selectFrom('libraries').select('id').orderBy('id').execute()).map((r) => r.id);
  }

  async settings(id: string): Promise<LibrarySettings> {
    const row = await this.db.selectFrom('libraries').selectAll().where('id', '=', id).executeTakeFirst();
    return { announceChannelId: row?.announce_channel_id ?? null, searchBase: (row?.search_base ?? 1) === 1, managerRoleId: row?.manager_role_id ?? null };
  }

  async updateSettings(id: string, change: Partial<LibrarySettings>): Promise<LibrarySettings> {
    await this.ensureLibrary(id);
    await this.db
      .updateTable('libraries')
      .set({
        ...(change.announceChannelId !== undefined ? { announce_channel_id: change.announceChannelId } : {}),
        ...(change.searchBase !== undefined ? { search_base: change.searchBase ? 1 : 0 } : {}),
        ...(change.managerRoleId !== undefined ? { manager_role_id: change.managerRoleId } : {}),
      })
      .where('id', '=', id)
      .execute();
    return this.settings(id);
  }

  async usage(id: string): Promise<Usage> {
    const articles = await this.db
      .selectFrom('articles')
      .select((eb) => [eb.fn.countAll<string | number>().as('count'), eb.fn.sum<string | number | null>('bytes').as('bytes')])
      .where('library_id', '=', id)
      .executeTakeFirstOrThrow();
    const feeds = await this.db.selectFrom('feeds').select((eb) => eb.fn.countAll<string | number>().as('count')).where('library_id', '=', id).executeTakeFirstOrThrow();
    return { articles: Number(articles.count), bytes: Number(articles.bytes ?? 0), feeds: Number(feeds.count) };
  }

  /**
   * Adds an article; refused, with nothing written, when the library is full (articles or bytes),
   * or already holds its link, or its file name (unless `freeName` picks the first free one: it
   * gets a number). Checked and written in one transaction; returns the file name it has.
   */
  async addArticle(id: string, document: Omit<Document, 'id'>, freeName?: (taken: (name: string) => boolean) => string): Promise<string> {
    await this.ensureLibrary(id);
    const bytes = markdownBytes(document);
    let path = document.path;
    await this.writeTransaction(id, async (tx) => {
      const same = await tx.selectFrom('articles').select(['path', 'url']).where('library_id', '=', id).execute();
      const link = normalizeUrl(document.url);
      const sameLink = same.find((a) => normalizeUrl(a.url) === link);
      if (sameLink) throw new LibraryRefused(`this server's library already has that article (${sameLink.path})`, 'duplicate');
      const names = new Set(same.map((a) => a.path));
      if (freeName) path = freeName((name) => names.has(name));
      else if (names.has(path)) throw new LibraryRefused(`this server's library already has an article named ${path}`, 'duplicate');
      const usage = await tx
        .selectFrom('articles')
        .select((eb) => [eb.fn.countAll<string | number>().as('count'), eb.fn.sum<string | number | null>('bytes').as('bytes')])
        .where('library_id', '=', id)
        .executeTakeFirstOrThrow();
      if (Number(usage.count) + 1 > this.quotas.articles) throw new LibraryRefused(`this server's library holds its most articles (${this.quotas.articles}); remove some first`, 'full');
      if (Number(usage.bytes ?? 0) + bytes > this.quotas.bytes) throw new LibraryRefused(`this server's library holds its most text (${Math.round(this.quotas.bytes / 1e6)} MB); remove some articles first`, 'full');
      await tx
        .insertInto('articles')
        .values({ library_id: id, path, title: document.title, outlet: document.outlet, url: document.url, published: document.published, author: document.author ?? null, body: document.body, bytes, added_at: now() })
        .execute();
    });
    return path;
  }

  /**
   * A transaction that checks a quota, then writes: no other writer (another process on the same
   * database) can come between. PostgreSQL holds the library's row from the start; SQLite takes
   * the write lock from the start (BEGIN IMMEDIATE), since a read lock cannot become a write lock
   * while another connection writes.
   */
  private async writeTransaction(id: string, work: (tx: Kysely<Database>) => Promise<void>): Promise<void> {
    if (this.engine === 'postgres') {
      await this.db.transaction().execute(async (tx) => {
        await tx.selectFrom('libraries').select('id').where('id', '=', id).forUpdate().execute();
        await work(tx);
      });
      return;
    }
    await this.db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        await work(connection);
        await sql`commit`.execute(connection);
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
    });
  }

  async removeArticle(id: string, path: string): Promise<boolean> {
    const result = await this.db.deleteFrom('articles').where('library_id', '=', id).where('path', '=', path).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The library's articles without their text (what a list or a suggestion shows), in file-name order. */
  async articleList(id: string): Promise<{ path: string; title: string; outlet: string; published: string; url: string }[]> {
    return this.db.selectFrom('articles').select(['path', 'title', 'outlet', 'published', 'url']).where('library_id', '=', id).orderBy('path').execute();
  }

  /** The servers whose libraries follow at least one feed. */
  async librariesWithFeeds(): Promise<string[]> {
    return (await this.db.selectFrom('feeds').select('library_id').distinct().orderBy('library_id').execute()).map((r) => r.library_id);
  }

  /** The bot is in the server again: a library marked removed is kept after all. */
  async restore(id: string): Promise<void> {
    await this.db.updateTable('libraries').set({ removed_at: null }).where('id', '=', id).where('removed_at', 'is not', null).execute();
  }

  /** The library's articles as documents (with their text), in file-name order: what its index is built from. */
  async documents(id: string): Promise<Document[]> {
    const rows = await this.db.selectFrom('articles').selectAll().where('library_id', '=', id).orderBy('path').execute();
    return rows.map((r) => ({ id: r.path.replace(/\.[^.]+$/, ''), title: r.title, outlet: r.outlet, url: r.url, published: r.published, ...(r.author ? { author: r.author } : {}), path: r.path, body: r.body }));
  }

  /** The analyses kept of a library's articles, by file name, made by analysis `version` (others are left out). */
  async analyses(id: string, version: string): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('article_analysis').select(['path', 'data']).where('library_id', '=', id).where('version', '=', version).execute();
    return new Map(rows.map((r) => [r.path, r.data]));
  }

  /** Keeps articles' analyses; one whose article was removed meanwhile is not kept (it would have nothing to belong to). */
  async saveAnalyses(id: string, version: string, analyses: readonly (readonly [path: string, data: string])[]): Promise<void> {
    for (const [path, data] of analyses) {
      const article = await this.db.selectFrom('articles').select('path').where('library_id', '=', id).where('path', '=', path).executeTakeFirst();
      if (!article) continue;
      await this.db
        .insertInto('article_analysis')
        .values({ library_id: id, path, version, data })
        .onConflict((c) => c.columns(['library_id', 'path']).doUpdateSet({ version, data }))
        .execute()
        .catch((error: unknown) => {
          // Removed between the two statements: nothing to keep. Any other failure is one.
          if (!isForeignKeyViolation(error)) throw error;
        });
    }
  }

  /** Follows a feed; refused when the library follows its most feeds already or follows this one. */
  async followFeed(id: string, url: string, title: string | null): Promise<void> {
    await this.ensureLibrary(id);
    await this.writeTransaction(id, async (tx) => {
      const feeds = await tx.selectFrom('feeds').select('url').where('library_id', '=', id).execute();
      if (feeds.some((f) => normalizeUrl(f.url) === normalizeUrl(url))) throw new LibraryRefused(`this server already follows ${url}`, 'duplicate');
      if (feeds.length + 1 > this.quotas.feeds) throw new LibraryRefused(`this server follows its most feeds (${this.quotas.feeds}); remove one first`, 'full');
      await tx.insertInto('feeds').values({ library_id: id, url, title, etag: null, last_modified: null, added_at: now() }).execute();
    });
  }

  /** Stops following a feed (given as written when followed, or any spelling of the same link); its items go, its articles stay. */
  async unfollowFeed(id: string, url: string): Promise<boolean> {
    const followed = (await this.feeds(id)).find((f) => normalizeUrl(f.url) === normalizeUrl(url));
    if (!followed) return false;
    const result = await this.db.deleteFrom('feeds').where('library_id', '=', id).where('url', '=', followed.url).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async feeds(id: string): Promise<StoredFeed[]> {
    const rows = await this.db.selectFrom('feeds').selectAll().where('library_id', '=', id).orderBy('url').execute();
    return rows.map((r) => ({ url: r.url, title: r.title, etag: r.etag, lastModified: r.last_modified }));
  }

  /** A feed's HTTP validators after a read, so an unchanged feed is not read again. */
  async saveValidators(id: string, url: string, etag: string | null, lastModified: string | null): Promise<void> {
    await this.db.updateTable('feeds').set({ etag, last_modified: lastModified }).where('library_id', '=', id).where('url', '=', url).execute();
  }

  /** Which of these items the feed has listed before. */
  async seenItems(id: string, feedUrl: string, items: readonly string[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const rows = await this.db.selectFrom('feed_items').select('item').where('library_id', '=', id).where('feed_url', '=', feedUrl).where('item', 'in', [...items]).execute();
    return new Set(rows.map((r) => r.item));
  }

  /**
   * Remembers a feed's items, then forgets all but the `keep` most recently seen: the table grows
   * with a feed's length, not with its history.
   */
  async markSeen(id: string, feedUrl: string, items: readonly string[], keep = Infinity): Promise<void> {
    if (items.length > 0) {
      const seenAt = now();
      await this.db
        .insertInto('feed_items')
        .values(items.map((item) => ({ library_id: id, feed_url: feedUrl, item, seen_at: seenAt })))
        .onConflict((c) => c.columns(['library_id', 'feed_url', 'item']).doUpdateSet({ seen_at: seenAt }))
        .execute();
    }
    if (keep === Infinity) return;
    const kept = this.db
      .selectFrom('feed_items')
      .select('item')
      .where('library_id', '=', id)
      .where('feed_url', '=', feedUrl)
      .orderBy('seen_at', 'desc')
      .orderBy('item')
      .limit(keep);
    await this.db.deleteFrom('feed_items').where('library_id', '=', id).where('feed_url', '=', feedUrl).where('item', 'not in', kept).execute();
  }

  /** The bot left the server: its data is kept `keepDays` days (it may come back), then purged. */
  async markRemoved(id: string, when = new Date()): Promise<void> {
    await this.db.updateTable('libraries').set({ removed_at: when.toISOString() }).where('id', '=', id).execute();
  }

  /** Deletes the libraries of servers removed more than `keepDays` days before `when`; returns their ids. */
  async purgeRemoved(when = new Date()): Promise<string[]> {
    const before = new Date(when.getTime() - this.quotas.keepDays * 86_400_000).toISOString();
    const gone = (await this.db.selectFrom('libraries').select('id').where('removed_at', 'is not', null).where('removed_at', '<', before).execute()).map((r) => r.id);
    if (gone.length > 0) await this.db.deleteFrom('libraries').where('id', 'in', gone).execute();
    return gone;
  }
}
