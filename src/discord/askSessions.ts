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
  /** When its buttons stop working (ms since the epoch). */
  expires: number;
}

/** At most this many answers keep working buttons (≈ 4 KB each); past it the oldest expire first. */
const MAX_ASK_SESSIONS = 5_000;

/**
 * Answers with live buttons, kept in memory for a while and bounded by count. Expiry costs no
 * REST call: an expired answer keeps its buttons, and a click on one says "ask again" privately
 * (commands/ask.ts). Sessions are kept in creation order with one lifetime, so the expired ones
 * are always the oldest and are dropped from the front.
 */
export class AskSessions {
  private readonly sessions = new Map<string, AskSession>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxSessions = MAX_ASK_SESSIONS,
    private readonly now: () => number = Date.now,
  ) {}

  create(userId: string, result: AnsweredResult, hide: boolean): AskSession {
    this.sweep();
    const session: AskSession = { id: randomBytes(6).toString('hex'), userId, result, hide, page: 0, expires: this.now() + this.ttlMs };
    this.sessions.set(session.id, session);
    while (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
    return session;
  }

  get(id: string): AskSession | undefined {
    const session = this.sessions.get(id);
    if (session && session.expires <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  get size(): number {
    this.sweep();
    return this.sessions.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) {
      if (session.expires > now) break;
      this.sessions.delete(id);
    }
  }
}
