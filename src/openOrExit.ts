import { runSettings } from './config.js';
import { CorpusError } from './core/corpus.js';
import { SingleBar, Presets } from 'cli-progress';
import type { Progress } from './core/analyzeCorpus.js';
import { openWithCache, type IndexEvent, type Verbatim } from './core/verbatim.js';


/**
 * Opens the corpus (from its persisted index when it has one), or prints every problem (file and
 * field) and exits 2 without a stack trace.
 */
export async function openCorpusOrExit(dir: string, onIndex?: (event: IndexEvent) => void): Promise<Verbatim> {
  try {
    const { cacheDir, shard } = runSettings();
    // Shards share the cache folder: one of them writes what changes.
    return await openWithCache(dir, { cacheDir, saveChanges: shard === undefined || shard === 0, ...(onIndex ? { onIndex } : {}), onProgress: progressBar() });
  } catch (error) {
    if (error instanceof CorpusError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** Builds of more articles than this show a progress bar on a terminal. */
const PROGRESS_MIN_ARTICLES = 200;

/** A progress bar on stderr for a long build, when stderr is a terminal (never in logs or pipes). */
function progressBar(): Progress | undefined {
  if (!process.stderr.isTTY) return undefined;
  let bar: SingleBar | undefined;
  return (done, total) => {
    if (total < PROGRESS_MIN_ARTICLES) return;
    if (!bar) {
      bar = new SingleBar({ format: 'Indexing {bar} {percentage}% | {value}/{total} articles', stream: process.stderr }, Presets.shades_classic);
      bar.start(total, 0);
    }
    bar.update(done);
    if (done === total) bar.stop();
  };
}

/** One human line for an index event, for the console and the CLI. */
export function describeIndexEvent(event: IndexEvent): string | undefined {
  if (event.kind === 'loaded' && event.added + event.removed > 0) return `Loaded the saved index and brought it up to date: ${event.added} new or changed and ${event.removed} removed articles (${event.ms} ms).`;
  if (event.kind === 'built') return `Indexed ${event.passages} passages in ${event.ms} ms (saved to ${event.path}).`;
  if (event.kind === 'discarded') return `Discarded the saved index ${event.path} (${event.reason}); rebuilding it.`;
  if (event.kind === 'not-saved') return `Indexed ${event.passages} passages in ${event.ms} ms; could not save the index to ${event.path} (${event.reason}), so it is kept in memory only.`;
  return undefined;
}
