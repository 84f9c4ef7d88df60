import { fileURLToPath } from 'node:url';
import { CorpusError } from './core/corpus.js';
import { loadVerbatim, type IndexEvent, type Verbatim } from './core/verbatim.js';

/** Where persisted indexes live: VERBATIM_CACHE_DIR, else .cache/index in the project. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.VERBATIM_CACHE_DIR?.trim() || fileURLToPath(new URL('../.cache/index/', import.meta.url));
}

/**
 * Opens the corpus (from its persisted index when it has one), or prints every problem (file and
 * field) and exits 2 without a stack trace.
 */
export async function openVerbatimOrExit(dir: string, onIndex?: (event: IndexEvent) => void): Promise<Verbatim> {
  try {
    return await loadVerbatim(dir, { cacheDir: cacheDir(), ...(onIndex ? { onIndex } : {}) });
  } catch (error) {
    if (error instanceof CorpusError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** One human line for an index event, for the console and the CLI. */
export function describeIndexEvent(event: IndexEvent): string | undefined {
  if (event.kind === 'built') return `Indexed ${event.passages} passages in ${event.ms} ms (saved to ${event.path}).`;
  if (event.kind === 'discarded') return `Discarded the saved index ${event.path} (${event.reason}); rebuilding it.`;
  return undefined;
}
