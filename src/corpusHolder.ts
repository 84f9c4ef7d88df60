import { CorpusError, loadCorpus, type CorpusProblem } from './core/corpus.js';
import type { IndexEvent, Verbatim } from './core/verbatim.js';

export type ReloadOutcome =
  | { ok: true; articles: number; passages: number; ms: number }
  | { ok: false; problems: CorpusProblem[] };

/**
 * The corpus being served, swappable while serving. A reload builds the new index aside; only
 * when it is whole does it replace the old one, in one assignment. A question in flight already
 * holds the old one and finishes on it. A corpus with problems is refused and the old one stays.
 */
export class CorpusHolder {
  private running: Promise<ReloadOutcome> | undefined;
  private queued: Promise<ReloadOutcome> | undefined;

  constructor(
    private current: Verbatim,
    readonly corpusDir: string,
    private readonly onIndex?: (event: IndexEvent) => void,
  ) {}

  get verbatim(): Verbatim {
    return this.current;
  }

  /**
   * Reloads from the folder. A call while a reload runs may follow a change that reload has
   * already read past, so it gets one more reload after it (calls meanwhile share that one).
   */
  reload(files?: readonly string[]): Promise<ReloadOutcome> {
    if (!this.running) {
      this.running = this.load(files).finally(() => (this.running = undefined));
      return this.running;
    }
    // Whatever it was asked for, the reload after the running one reads the whole folder.
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.reload();
      });
    return this.queued;
  }

  /** Reads the folder, or only the named files of it (what an add or a feed poll wrote). */
  private async load(files?: readonly string[]): Promise<ReloadOutcome> {
    const started = performance.now();
    try {
      // Only the folder's difference from the corpus being served is analysed and indexed (and persisted).
      const { verbatim: next, added, removed, merging } = await (files ? this.current.updateFiles(files) : this.current.update(loadCorpus(this.corpusDir)));
      this.onIndex?.({ kind: 'updated', added, removed, ms: Math.round(performance.now() - started) });
      this.current = next;
      // Fewer segments answer a little faster: served once merged, unless a newer change came first.
      void merging?.then((merged) => {
        if (this.current === next) this.current = merged;
      }, () => undefined);
      return { ok: true, articles: next.corpus.documents.length, passages: next.passages.length, ms: Math.round(performance.now() - started) };
    } catch (error) {
      if (error instanceof CorpusError) return { ok: false, problems: error.problems };
      throw error;
    }
  }
}
