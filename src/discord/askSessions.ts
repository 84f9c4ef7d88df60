import { randomBytes } from 'node:crypto';
import type { AskResult } from '../core/ask.js';

export type AnsweredResult = Extract<AskResult, { status: 'answered' }>;

/** One /ask answer whose buttons still work: who asked, what was found, which page is shown. */
export interface AskSession {
  id: string;
  userId: string;
  result: AnsweredResult;
  hide: boolean;
  page: number;
}


/**
 * Answers with live buttons, kept in memory for a while. When one expires its buttons are taken
 * off the message (`onExpire`), so nobody clicks a button that can only fail.
 */
export class AskSessions {
  private readonly sessions = new Map<string, AskSession>();

  constructor(private readonly ttlMs: number) {}

  create(userId: string, result: AnsweredResult, hide: boolean, onExpire: () => Promise<unknown>): AskSession {
    const session: AskSession = { id: randomBytes(6).toString('hex'), userId, result, hide, page: 0 };
    this.sessions.set(session.id, session);
    setTimeout(() => {
      this.sessions.delete(session.id);
      void onExpire().catch(() => undefined);
    }, this.ttlMs).unref();
    return session;
  }

  get(id: string): AskSession | undefined {
    return this.sessions.get(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}
