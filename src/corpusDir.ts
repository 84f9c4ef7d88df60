import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from './packageRoot.js';
import { runSettings } from './config.js';

/** The seed corpus that ships with Verbatim. */
export const BUNDLED_CORPUS = join(PACKAGE_ROOT, 'seeds/');

/** `--corpus DIR` wins over CORPUS_DIR, which wins over the bundled seeds. */
export function corpusDir(flag: string | undefined, configured: string | undefined = runSettings().corpusDir): string {
  const chosen = flag ?? configured;
  return chosen ? resolve(chosen) : BUNDLED_CORPUS;
}
