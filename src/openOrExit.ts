import { CorpusError } from './core/corpus.js';
import { openVerbatim, type Verbatim } from './core/verbatim.js';

/** Opens the corpus, or prints every problem (file and field) and exits 2 without a stack trace. */
export function openVerbatimOrExit(dir: string): Verbatim {
  try {
    return openVerbatim(dir);
  } catch (error) {
    if (error instanceof CorpusError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}
