/**
 * Per-user cooldowns, as in the discord.js guide: a user who used a command must wait before
 * using it again. One map per command, in order of expiry (every entry of a command lasts as
 * long), so expired entries are dropped from the front: O(1) per use however many users.
 */
export class Cooldowns {
  private readonly until = new Map<string, Map<string, number>>();

  constructor(private readonly seconds: Record<string, number>) {}

  /** Records a use; returns when the user may use the command again if they must still wait. */
  take(command: string, userId: string, now = Date.now()): number | undefined {
    const seconds = this.seconds[command] ?? 0;
    if (seconds <= 0) return undefined;
    let users = this.until.get(command);
    if (!users) this.until.set(command, (users = new Map()));
    for (const [user, until] of users) {
      if (until > now) break;
      users.delete(user);
    }
    const until = users.get(userId);
    if (until !== undefined && until > now) return until;
    users.delete(userId);
    users.set(userId, now + seconds * 1000);
    return undefined;
  }

  /** Users waiting, over all commands. */
  get size(): number {
    let size = 0;
    for (const users of this.until.values()) size += users.size;
    return size;
  }
}
