import { buildInMemory, type Verbatim } from '../../src/core/verbatim.js';
import { BUNDLED_CORPUS } from '../../src/corpusDir.js';

let seeds: Verbatim | undefined;

/** The bundled seed corpus, opened once per test file. */
export function seedVerbatim(): Verbatim {
  seeds ??= buildInMemory(BUNDLED_CORPUS);
  return seeds;
}
