// Opens the database: SQLite in a file by default, PostgreSQL when a URL is given; migrated to the newest schema.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider } from 'kysely';
import { MIGRATIONS, type Database } from './schema.js';

export interface StoreLocation {
  /** postgres://… : several processes or hosts share it. */
  databaseUrl?: string;
  /** Otherwise a SQLite file (created with its folder). */
  sqlitePath: string;
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** The database, migrated; the caller closes it (`destroy()`). Which engine it is, `engine` says. */
export async function openDatabase(location: StoreLocation): Promise<{ db: Kysely<Database>; engine: 'sqlite' | 'postgres' }> {
  let db: Kysely<Database>;
  let engine: 'sqlite' | 'postgres';
  if (location.databaseUrl) {
    // Loaded only when used: a SQLite install never needs the PostgreSQL client, and the reverse.
    const { default: pg } = await import('pg');
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: location.databaseUrl, max: 5 }) }) });
    engine = 'postgres';
  } else {
    const { default: SQLite } = await import('better-sqlite3');
    if (location.sqlitePath !== ':memory:') mkdirSync(dirname(location.sqlitePath), { recursive: true });
    const file = new SQLite(location.sqlitePath);
    // Other processes may read while one writes; the schema's foreign keys are kept.
    file.pragma('journal_mode = WAL');
    file.pragma('foreign_keys = ON');
    file.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
    engine = 'sqlite';
  }
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return { db, engine };
}
