import { describe, expect, it } from 'vitest';
import { AskSessions, type AnsweredResult } from '../src/discord/askSessions.js';
import { decodeButtonId, encodeButtonId } from '../src/discord/buttonIds.js';

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
