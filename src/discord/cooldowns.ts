/**
 * Per-user cooldowns, as in the discord.js guide: a user who used a command must wait before
 * using it again. Expired entries are dropped as they are met, so the map stays small.
 */
export class Cooldowns {
  private readonly until = new Map<string, number>();

  constructor(private readonly seconds: Record<string, number>) {}

  /** Records a use; returns when the user may use the command again if they must still wait. */
  take(command: string, userId: string, now = Date.now()): number | undefined {
    const seconds = this.seconds[command] ?? 0;
    if (seconds <= 0) return undefined;
    const key = `${command}:${userId}`;
    const until = this.until.get(key);
    if (until !== undefined && until > now) return until;
    this.until.set(key, now + seconds * 1000);
    if (this.until.size > 10_000) for (const [k, t] of this.until) if (t <= now) this.until.delete(k);
    return undefined;
  }
}
