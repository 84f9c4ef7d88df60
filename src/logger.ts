import pino from 'pino';

/**
 * Structured logs on stderr (stdout stays for program output). The token can only reach a log
 * through an object carrying it, and those paths are redacted.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info') {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
    },
    pino.destination(2),
  );
}

export type Logger = ReturnType<typeof createLogger>;
