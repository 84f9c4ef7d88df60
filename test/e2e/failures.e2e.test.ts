import { describe, expect, it } from 'vitest';
import { startEmulatorAndBot } from '../emulator/harness.js';

const STRING = 3;
const CHANNEL = 7;
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const CHANNEL_MESSAGE = /^\/channels\/\d+\/messages$/;
const FATAL = 60;

const healthOf = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;

describe('failures the bot cannot ride out say so, report 503 and exit non-zero', () => {
  it('a REST 401 (token revoked while running): one clear line, 503 while it drains, exit 1', async () => {
    const { bot, emulator } = await startEmulatorAndBot({ METRICS_PORT: '0', ASK_COOLDOWN_SECONDS: '0', TIMELINE_COOLDOWN_SECONDS: '0' });
    try {
      const port = (await bot.waitForLog((l) => l.msg === 'metrics listening')).port as number;
      expect(await healthOf(port)).toBe(200);
      // An answer in flight for 3 s keeps the bot draining, so /healthz can be read meanwhile.
      emulator.slowNext({ method: 'POST', path: CALLBACK, ms: 3_000 });
      const slow = emulator.interact({ name: 'ask', options: [{ name: 'question', type: STRING, value: 'who retook Palmyra' }] });
      await emulator.waitFor(() => emulator.callsFor(slow).length > 0, 10_000, 'the slow answer to start');
      emulator.failNext({ method: 'POST', path: CHANNEL_MESSAGE, status: 401, body: { message: '401: Unauthorized', code: 0 } });
      emulator.interact({ name: 'timeline', roles: [emulator.guild.ids.moderatorRole], options: [{ name: 'channel', type: CHANNEL, value: emulator.guild.ids.general }] });
      const fatal = await bot.waitForLog((l) => l.level === FATAL, 15_000);
      expect(fatal.msg).toMatch(/401 Unauthorized: the token no longer works/);
      expect(await healthOf(port)).toBe(503);
      expect(await bot.exited).toBe(1);
      expect(bot.logs.filter((l) => l.level === FATAL)).toHaveLength(1);
      // The answer in flight was finished before the exit.
      expect(bot.logs.some((l) => l.interaction === slow.id && l.msg === 'interaction' && l.outcome === 'ok')).toBe(true);
    } finally {
      await emulator.stop();
    }
  }, 60_000);

  it('a gateway close 4004 (authentication failed): one clear line, exit 1', async () => {
    const { bot, emulator } = await startEmulatorAndBot();
    try {
      emulator.closeGateway(4004);
      expect(await bot.exited).toBe(1);
      const fatal = bot.logs.filter((l) => l.level === FATAL);
      expect(fatal).toHaveLength(1);
      expect(fatal[0]!.msg).toMatch(/gateway closed with 4004 \(authentication failed\)/);
    } finally {
      await emulator.stop();
    }
  }, 60_000);

  it('SIGTERM takes no new interaction and finishes those in flight before it exits 0', async () => {
    const { bot, emulator } = await startEmulatorAndBot({ ASK_COOLDOWN_SECONDS: '0' });
    try {
      emulator.slowNext({ method: 'POST', path: CALLBACK, ms: 2_000 });
      const inFlight = emulator.interact({ name: 'ask', options: [{ name: 'question', type: STRING, value: 'who retook Palmyra' }] });
      await emulator.waitFor(() => emulator.callsFor(inFlight).length > 0, 10_000, 'the answer to start');
      bot.child.kill('SIGTERM');
      await bot.waitForLog((l) => l.msg === 'shutting down');
      const late = emulator.interact({ name: 'ask', options: [{ name: 'question', type: STRING, value: 'who retook Palmyra' }] });
      expect(await bot.exited).toBe(0);
      expect(bot.logs.some((l) => l.interaction === inFlight.id && l.msg === 'interaction' && l.outcome === 'ok')).toBe(true);
      expect(emulator.callsFor(late)).toEqual([]);
    } finally {
      await emulator.stop();
    }
  }, 60_000);
});
