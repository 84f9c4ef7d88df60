import { describe, expect, it } from 'vitest';
import { AskSessions, type AnsweredResult } from '../src/discord/askSessions.js';
import { decodeButtonId, encodeButtonId } from '../src/discord/buttonIds.js';
import { Cooldowns } from '../src/discord/cooldowns.js';
import { Client } from 'discord.js';
import { clientOptions } from '../src/discord/client.js';

const result = { status: 'answered', question: 'q', terms: [], answers: [], differences: [] } as unknown as AnsweredResult;

describe('answer sessions (buttons)', () => {
  it('expire after their lifetime without a timer, and are bounded by count, oldest first', () => {
    let now = 0;
    const sessions = new AskSessions(1_000, 3, () => now);
    const first = sessions.create('u1', result, false);
    now = 500;
    const ids = [sessions.create('u2', result, false).id, sessions.create('u3', result, false).id, sessions.create('u4', result, false).id];
    // Four made, three kept: the oldest went.
    expect(sessions.get(first.id)).toBeUndefined();
    expect(ids.map((id) => sessions.get(id)?.id)).toEqual(ids);
    expect(sessions.size).toBe(3);
    now = 1_500;
    expect(sessions.get(ids[0]!)).toBeUndefined();
    expect(sessions.size).toBe(0);
  });

  it('keeps memory flat over many answers', () => {
    const sessions = new AskSessions(60_000, 100);
    for (let i = 0; i < 10_000; i++) sessions.create(`user${i}`, result, false);
    expect(sessions.size).toBe(100);
  });
});

describe('button ids', () => {
  it('round-trip, and a forged or malformed id decodes to nothing', () => {
    const id = { command: 'ask', action: 'page', sessionId: 'a1b2c3', page: 2 } as const;
    expect(decodeButtonId(encodeButtonId(id))).toEqual(id);
    for (const forged of ['ask:page:a1b2c3', 'ask:drop:a1b2c3:1', 'ask:page:zz:1', 'ask:page:a1:-1', `x${'a'.repeat(40)}:page:a1:1`, 'ask:page:a1:1:extra', '']) {
      expect(decodeButtonId(forged), forged).toBeUndefined();
    }
  });
});

describe('cooldowns', () => {
  it('make a user wait, and forget users whose wait is over (memory follows the users waiting)', () => {
    const cooldowns = new Cooldowns({ ask: 5 });
    expect(cooldowns.take('ask', 'u1', 0)).toBeUndefined();
    expect(cooldowns.take('ask', 'u1', 1_000)).toBe(5_000);
    expect(cooldowns.take('timeline', 'u1', 1_000)).toBeUndefined();
    for (let i = 0; i < 50_000; i++) cooldowns.take('ask', `user${i}`, 10_000 + i / 10);
    expect(cooldowns.size).toBe(50_000);
    // Past everyone's wait, one use sweeps them all.
    expect(cooldowns.take('ask', 'u1', 100_000)).toBeUndefined();
    expect(cooldowns.size).toBe(1);
  });
});

describe('discord.js caches', () => {
  it('keep no user, member or message the bot does not need', () => {
    const client = new Client(clientOptions({}));
    // _add is how discord.js caches a user it meets in a payload (an interaction's author).
    const users = client.users as unknown as { _add(data: unknown): unknown };
    for (let i = 0; i < 1_000; i++) users._add({ id: String(10_000 + i), username: `u${i}`, discriminator: '0', global_name: null, avatar: null });
    expect(client.users.cache.size).toBe(0);
    void client.destroy();
  });
});
