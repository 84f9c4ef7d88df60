import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from './packageRoot.js';

/** The seed corpus that ships with Verbatim. */
export const BUNDLED_CORPUS = join(PACKAGE_ROOT, 'seeds/');

/** `--corpus DIR` wins over CORPUS_DIR, which wins over the bundled seeds. */
export function corpusDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? (env.CORPUS_DIR?.trim() ? env.CORPUS_DIR : undefined);
  return chosen ? resolve(chosen) : BUNDLED_CORPUS;
}
