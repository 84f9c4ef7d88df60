import { join } from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from './packageRoot.js';

/** Discord lets a bot edit an interaction's reply for 15 minutes; buttons must expire before. */
const MAX_BUTTON_TTL_SECONDS = 14 * 60;
const DEFAULT_BUTTON_TTL_SECONDS = 10 * 60;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const id = (name: string) => z.string({ error: `${name} is not set` }).trim().regex(/^\d{17,20}$/, `${name} must be a Discord id (17 to 20 digits)`);
const optionalId = (name: string) => z.preprocess(blankToUndefined, id(name).optional());

/** A whole number from the environment, with its limits in the one-line error. */
function wholeNumber(name: string, min: number, max: number) {
  return z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} can be at most ${max}`);
}

const flag = (name: string) =>
  z.preprocess(blankToUndefined, z.enum(['0', '1', 'true', 'false'], { error: `${name} must be 1 or 0` }).optional()).transform((v) => v === '1' || v === 'true');

const botEnv = z.object({
  DISCORD_TOKEN: z.preprocess(blankToUndefined, z.string({ error: 'DISCORD_TOKEN is not set' }).trim().regex(/^[\w.-]{20,}$/, 'DISCORD_TOKEN does not look like a bot token (copy it again from the Developer Portal, Bot → Reset Token)')),
  DISCORD_CLIENT_ID: optionalId('DISCORD_CLIENT_ID'),
  DISCORD_GUILD_ID: optionalId('DISCORD_GUILD_ID'),
  DISCORD_API_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:8080/api' }).optional()),
  // Discord lets a bot edit an interaction's reply for 15 minutes; buttons must expire before.
  ASK_BUTTONS_TTL_SECONDS: z.preprocess(blankToUndefined, wholeNumber('ASK_BUTTONS_TTL_SECONDS', 1, MAX_BUTTON_TTL_SECONDS).default(DEFAULT_BUTTON_TTL_SECONDS)),
  ASK_COOLDOWN_SECONDS: z.preprocess(blankToUndefined, wholeNumber('ASK_COOLDOWN_SECONDS', 0, 3600).default(3)),
  TIMELINE_COOLDOWN_SECONDS: z.preprocess(blankToUndefined, wholeNumber('TIMELINE_COOLDOWN_SECONDS', 0, 86_400).default(30)),
  SHARD_COUNT: z.preprocess(blankToUndefined, wholeNumber('SHARD_COUNT', 1, 1000).optional()),
  SHARD_SPAWN_DELAY_MS: z.preprocess(blankToUndefined, wholeNumber('SHARD_SPAWN_DELAY_MS', 0, 60_000).default(5500)),
  WATCH_CORPUS: flag('WATCH_CORPUS'),
  LOG_QUESTIONS: flag('LOG_QUESTIONS'),
  METRICS_PORT: z.preprocess(blankToUndefined, wholeNumber('METRICS_PORT', 0, 65_535).optional()),
  METRICS_HOST: z.preprocess(blankToUndefined, z.string().trim().default('127.0.0.1')),
  // Minutes between feed polls (0: no polling; fractions allowed, for tests).
  FEED_POLL_MINUTES: z.preprocess(blankToUndefined, z.coerce.number({ error: 'FEED_POLL_MINUTES must be a number of minutes' }).min(0, 'FEED_POLL_MINUTES must be at least 0').max(1440, 'FEED_POLL_MINUTES can be at most 1440').default(30)),
  FEED_ANNOUNCE_CHANNEL_ID: optionalId('FEED_ANNOUNCE_CHANNEL_ID'),
  // Seconds after start when the bot reads what an added article needs (WordNet; 0: when the first article is added).
  PREPARE_FOR_ADDS_SECONDS: z.preprocess(blankToUndefined, wholeNumber('PREPARE_FOR_ADDS_SECONDS', 0, 86_400).default(10)),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
});

export type BotConfig = z.infer<typeof botEnv>;

/** What every face (console, CLI, bot) reads: where the articles, the index cache and the logs go. */
const runEnv = z.object({
  CORPUS_DIR: z.preprocess(blankToUndefined, z.string().trim().optional()),
  VERBATIM_CACHE_DIR: z.preprocess(blankToUndefined, z.string().trim().optional()),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  // Set by discord.js's ShardingManager in each shard process it starts.
  SHARDING_MANAGER: flag('SHARDING_MANAGER'),
  SHARDS: z.preprocess(blankToUndefined, z.string().optional()),
});

export interface RunSettings {
  /** CORPUS_DIR, when set (a --corpus flag wins over it). */
  corpusDir?: string;
  /** Where persisted indexes live: VERBATIM_CACHE_DIR, else .cache/index in the project. */
  cacheDir: string;
  logLevel: string;
  /** In a shard process started by the ShardingManager: the first shard it runs. */
  shard?: number;
}

export function runSettings(env: NodeJS.ProcessEnv = process.env): RunSettings {
  const read = parse(runEnv, env);
  const shards = read.SHARDING_MANAGER ? (JSON.parse(read.SHARDS ?? '0') as number | number[]) : undefined;
  return {
    ...(read.CORPUS_DIR ? { corpusDir: read.CORPUS_DIR } : {}),
    cacheDir: read.VERBATIM_CACHE_DIR || join(PACKAGE_ROOT, '.cache', 'index/'),
    logLevel: read.LOG_LEVEL,
    ...(shards === undefined ? {} : { shard: Array.isArray(shards) ? shards[0]! : shards }),
  };
}

const webEnv = z.object({
  // Tests only: lets fetches reach 127.0.0.1, where their servers run.
  ALLOW_PRIVATE_URLS: flag('ALLOW_PRIVATE_URLS'),
  FEEDS_FILE: z.preprocess(blankToUndefined, z.string().trim().optional()),
});

/** What fetching pages and following feeds need. */
export interface WebSettings {
  allowPrivateUrls: boolean;
  /** FEEDS_FILE, else data/feeds.json in the project: outside the corpus folder, which holds only articles. */
  feedsFile: string;
}

export function webSettings(env: NodeJS.ProcessEnv = process.env): WebSettings {
  const read = parse(webEnv, env);
  return { allowPrivateUrls: read.ALLOW_PRIVATE_URLS, feedsFile: read.FEEDS_FILE || join(PACKAGE_ROOT, 'data', 'feeds.json') };
}

const storeEnv = z.object({
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().trim().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database)').optional()),
  SQLITE_FILE: z.preprocess(blankToUndefined, z.string().trim().optional()),
  LIBRARY_MAX_ARTICLES: z.preprocess(blankToUndefined, wholeNumber('LIBRARY_MAX_ARTICLES', 1, 1_000_000).default(2000)),
  LIBRARY_MAX_MB: z.preprocess(blankToUndefined, wholeNumber('LIBRARY_MAX_MB', 1, 100_000).default(50)),
  LIBRARY_MAX_FEEDS: z.preprocess(blankToUndefined, wholeNumber('LIBRARY_MAX_FEEDS', 0, 10_000).default(20)),
  LIBRARY_KEEP_DAYS: z.preprocess(blankToUndefined, wholeNumber('LIBRARY_KEEP_DAYS', 0, 3650).default(30)),
  LIBRARIES_MEMORY_MB: z.preprocess(blankToUndefined, wholeNumber('LIBRARIES_MEMORY_MB', 1, 1_000_000).default(512)),
});

/** Where the servers' libraries are kept, and how much each may hold (the defaults, in one place). */
export interface StoreSettings {
  /** DATABASE_URL: PostgreSQL, for several processes or hosts. */
  databaseUrl?: string;
  /** Otherwise SQLITE_FILE, else data/verbatim.sqlite in the project. */
  sqlitePath: string;
  quotas: { articles: number; bytes: number; feeds: number; keepDays: number };
  /** How much memory the servers' loaded libraries may take in one process (least recently used are let go). */
  librariesMemoryBytes: number;
}

export function storeSettings(env: NodeJS.ProcessEnv = process.env): StoreSettings {
  const read = parse(storeEnv, env);
  return {
    ...(read.DATABASE_URL ? { databaseUrl: read.DATABASE_URL } : {}),
    sqlitePath: read.SQLITE_FILE || join(PACKAGE_ROOT, 'data', 'verbatim.sqlite'),
    quotas: { articles: read.LIBRARY_MAX_ARTICLES, bytes: read.LIBRARY_MAX_MB * 1_000_000, feeds: read.LIBRARY_MAX_FEEDS, keepDays: read.LIBRARY_KEEP_DAYS },
    librariesMemoryBytes: read.LIBRARIES_MEMORY_MB * 1024 * 1024,
  };
}

/** A configuration problem, worded for one line on the terminal; never holds the token. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function parse<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ConfigError(`Configuration error: ${issue.message} (see .env.example).`);
}

export function botConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  return parse(botEnv, env);
}

/** `npm run deploy` also needs the application id. */
export function deployConfig(env: NodeJS.ProcessEnv = process.env): BotConfig & { DISCORD_CLIENT_ID: string } {
  return parse(botEnv.extend({ DISCORD_CLIENT_ID: z.preprocess(blankToUndefined, id('DISCORD_CLIENT_ID')) }), env);
}

export function hasToken(env: NodeJS.ProcessEnv = process.env): boolean {
  return blankToUndefined(env.DISCORD_TOKEN) !== undefined;
}
