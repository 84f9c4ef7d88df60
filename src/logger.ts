import pino from 'pino';
import { runSettings } from './config.js';

/**
 * Interaction and webhook tokens sit in REST paths (`/webhooks/<app>/<token>/…`,
 * `/interactions/<id>/<token>/callback`), and discord.js errors carry those paths in their
 * message and `url`: any string logged has them cut out.
 */
const TOKEN_IN_PATH = /\/(webhooks|interactions)\/(\d+)\/[\w.-]{20,}/g;

function redactTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '/$1/$2/[redacted]');
}

function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactTokens(value);
  // Errors keep their class: the `err` serializer reads and redacts them.
  if (depth > 6 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}

/** Log lines waiting for a slow reader are dropped past this (memory stays bounded). */
const LOG_BUFFER_BYTES = 16 * 1024 * 1024;

/**
 * Structured logs on stderr (stdout stays for program output). Writes are asynchronous: a slow
 * reader of the logs never blocks the bot (Shutdown flushes them before exit). The token can
 * only reach a log through an object carrying it, and those paths are redacted.
 */
export function createLogger(
  level = runSettings().logLevel,
  destination: pino.DestinationStream = pino.destination({ dest: 2, sync: false, maxLength: LOG_BUFFER_BYTES }),
) {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
      serializers: { err: (error: Error) => redactDeep(pino.stdSerializers.err(error)) },
      hooks: {
        // A message string can hold a REST path too ("… /webhooks/1/<token> …").
        logMethod(args, method) {
          method.apply(this, args.map((a) => redactDeep(a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export type Logger = ReturnType<typeof createLogger>;
