import type { Client } from 'discord.js';
import type { Logger } from '../logger.js';

/** How long a stopping bot lets interactions in flight finish (a /timeline posting many messages). */
const DRAIN_MS = 10_000;
/** How long the last log lines may take to reach a slow reader before the process exits anyway. */
const FLUSH_MS = 2_000;

/**
 * Stops the bot in order: take no new interaction, let those in flight finish within DRAIN_MS,
 * disconnect, flush the logs, exit. Every way out (a signal, a revoked token, a fatal gateway
 * close) goes through `stop`, once.
 */
export class Shutdown {
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping: Promise<never> | undefined;

  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
    private readonly drainMs = DRAIN_MS,
    /** Closes what the bot holds open (the database) after the last interaction. */
    private readonly release: () => Promise<void> = async () => undefined,
  ) {}

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** Follows a piece of work the bot must finish before it exits. */
  track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  stop(code: number, reason: Record<string, unknown>, message: string): Promise<never> {
    this.stopping ??= this.run(code, reason, message);
    return this.stopping;
  }

  /** Stops on SIGINT and SIGTERM with exit code 0. */
  onSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void this.stop(0, { signal }, 'shutting down'));
  }

  private async run(code: number, reason: Record<string, unknown>, message: string): Promise<never> {
    (code === 0 ? this.logger.info : this.logger.fatal).call(this.logger, { ...reason, inFlight: this.inFlight.size }, message);
    // Timers here are not unref'd: the process must reach process.exit with its code.
    process.exitCode = code;
    const deadline = new Promise((resolve) => setTimeout(resolve, this.drainMs));
    await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
    if (this.inFlight.size > 0) this.logger.warn({ unfinished: this.inFlight.size }, 'stopped before every interaction finished');
    await this.client.destroy().catch(() => undefined);
    await this.release().catch((error: unknown) => this.logger.warn({ err: error }, 'could not close the database'));
    await new Promise<void>((resolve) => {
      setTimeout(resolve, FLUSH_MS);
      this.logger.flush(() => resolve());
    });
    process.exit(code);
  }
}
