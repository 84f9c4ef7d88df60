import { z } from 'zod';
import { DEFAULT_BUTTON_TTL_SECONDS, MAX_BUTTON_TTL_SECONDS } from './discord/askSessions.js';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const id = (name: string) => z.string({ error: `${name} is not set` }).trim().regex(/^\d{17,20}$/, `${name} must be a Discord id (17 to 20 digits)`);
const optionalId = (name: string) => z.preprocess(blankToUndefined, id(name).optional());

const botEnv = z.object({
  DISCORD_TOKEN: z.preprocess(blankToUndefined, z.string({ error: 'DISCORD_TOKEN is not set' }).trim().regex(/^[\w.-]{20,}$/, 'DISCORD_TOKEN does not look like a bot token (copy it again from the Developer Portal, Bot → Reset Token)')),
  DISCORD_CLIENT_ID: optionalId('DISCORD_CLIENT_ID'),
  DISCORD_GUILD_ID: optionalId('DISCORD_GUILD_ID'),
  DISCORD_API_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:8080/api' }).optional()),
  ASK_BUTTONS_TTL_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'ASK_BUTTONS_TTL_SECONDS must be a number of seconds' })
      .int('ASK_BUTTONS_TTL_SECONDS must be a whole number of seconds')
      .min(1, 'ASK_BUTTONS_TTL_SECONDS must be at least 1')
      .max(MAX_BUTTON_TTL_SECONDS, `ASK_BUTTONS_TTL_SECONDS can be at most ${MAX_BUTTON_TTL_SECONDS} (Discord allows edits for 15 minutes)`)
      .default(DEFAULT_BUTTON_TTL_SECONDS),
  ),
  SHARD_COUNT: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'SHARD_COUNT must be a number of shards' }).int('SHARD_COUNT must be a whole number').min(1, 'SHARD_COUNT must be at least 1').max(1000, 'SHARD_COUNT can be at most 1000').optional(),
  ),
  SHARD_SPAWN_DELAY_MS: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'SHARD_SPAWN_DELAY_MS must be a number of milliseconds' }).int().min(0, 'SHARD_SPAWN_DELAY_MS cannot be negative').default(5500),
  ),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
});

export type BotConfig = z.infer<typeof botEnv>;

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
