// The database's tables, as Kysely sees them, and the migrations that make them (one schema for SQLite and PostgreSQL).
import { sql, type Kysely, type Migration } from 'kysely';

/** A server's library (its id is the Discord server's), with the settings its managers choose. */
interface LibraryTable {
  id: string;
  created_at: string;
  /** Where new articles from its feeds are announced (a channel id), or null. */
  announce_channel_id: string | null;
  /** 1: /ask and /timeline search the operator's base library too; 0: this server's articles only. */
  search_base: number;
  /** A role whose members may add and remove articles and feeds, besides those with Manage Server. */
  manager_role_id: string | null;
  /** When the bot left the server: its data is deleted a set number of days after. */
  removed_at: string | null;
}

/** An article of a library, as a Markdown file of today's format would hold it. */
interface ArticleTable {
  library_id: string;
  /** The file name it has when exported (and had when imported): unique in its library. */
  path: string;
  title: string;
  outlet: string;
  url: string;
  published: string;
  author: string | null;
  body: string;
  /** Bytes of the article as a Markdown file: what the library's quota counts. */
  bytes: number;
  added_at: string;
}

interface FeedTable {
  library_id: string;
  url: string;
  title: string | null;
  /** HTTP validators of the last read, so an unchanged feed is not read again. */
  etag: string | null;
  last_modified: string | null;
  added_at: string;
}

/** An item a feed has listed (its link or id): never fetched twice. */
interface FeedItemTable {
  library_id: string;
  feed_url: string;
  item: string;
  seen_at: string;
}

/** An article's analysis (its passages and their terms), kept so a library loads without analysing it again. */
interface ArticleAnalysisTable {
  library_id: string;
  path: string;
  /** The analysis it came from (see analysisKey): another is analysed again. */
  version: string;
  /** JSON of a StoredAnalysis. */
  data: string;
}

export interface Database {
  libraries: LibraryTable;
  articles: ArticleTable;
  feeds: FeedTable;
  feed_items: FeedItemTable;
  article_analysis: ArticleAnalysisTable;
}

/** Migrations in order; a migration once released is never edited, only followed by another. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-libraries': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('libraries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('announce_channel_id', 'text')
        .addColumn('search_base', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('manager_role_id', 'text')
        .addColumn('removed_at', 'text')
        .execute();
      await db.schema
        .createTable('articles')
        .addColumn('library_id', 'text', (c) => c.notNull().references('libraries.id').onDelete('cascade'))
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('outlet', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('published', 'text', (c) => c.notNull())
        .addColumn('author', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('articles_pk', ['library_id', 'path'])
        .addUniqueConstraint('articles_url', ['library_id', 'url'])
        .execute();
      await db.schema
        .createTable('feeds')
        .addColumn('library_id', 'text', (c) => c.notNull().references('libraries.id').onDelete('cascade'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('feeds_pk', ['library_id', 'url'])
        .execute();
      await db.schema
        .createTable('feed_items')
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('feed_url', 'text', (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('feed_items_pk', ['library_id', 'feed_url', 'item'])
        .addForeignKeyConstraint('feed_items_feed', ['library_id', 'feed_url'], 'feeds', ['library_id', 'url'], (c) => c.onDelete('cascade'))
        .execute();
      await sql`create index articles_added on articles (library_id, added_at)`.execute(db);
    },
  },
  '002-article-analysis': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('article_analysis')
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_analysis_pk', ['library_id', 'path'])
        .addForeignKeyConstraint('article_analysis_article', ['library_id', 'path'], 'articles', ['library_id', 'path'], (c) => c.onDelete('cascade'))
        .execute();
    },
  },
};
