import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../src/logger.js';

const TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NQ';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  return { logger: createLogger('info', stream), lines };
}

describe('logs', () => {
  it('never carry an interaction token from a REST path, in an error, a field or a message', async () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error(`Unknown interaction at /api/v10/webhooks/1234567890/${TOKEN}/messages/@original`), {
      url: `https://discord.com/api/v10/interactions/987654321/${TOKEN}/callback`,
      code: 10062,
    });
    logger.error({ err: error }, 'discord rest failure');
    logger.warn({ path: `/webhooks/1/${TOKEN}` }, `retrying /interactions/2/${TOKEN}/callback`);
    await new Promise((r) => setImmediate(r));
    const text = lines.join('');
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('Unknown interaction at /api/v10/webhooks/1234567890/[redacted]/messages/@original');
    expect(text).toContain('"code":10062');
    expect(text).toContain('/interactions/2/[redacted]/callback');
  });
});
