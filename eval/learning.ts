import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildInMemory } from '../src/core/verbatim.js';
import type { PassageIndex } from '../src/core/searchIndex.js';
/** What the learning scripts share: standardised features, Adam, and writing what they learnt. */
import { readFileSync, writeFileSync } from 'node:fs';
import { LEARNED_WEIGHTS_FILE, type LearnedWeights } from '../src/core/learnedWeights.js';

/** Weights rounded to 3 decimals, as they are kept. */
export const rounded = (x: number) => Math.round(x * 1000) / 1000;

/** Writes one part of src/core/learnedWeights.json (the others stay as they are), which the core reads at start. */
export function saveLearned<Part extends Exclude<keyof LearnedWeights, 'about'>>(part: Part, value: LearnedWeights[Part]): void {
  const current = JSON.parse(readFileSync(LEARNED_WEIGHTS_FILE, 'utf8')) as LearnedWeights;
  current[part] = value;
  writeFileSync(LEARNED_WEIGHTS_FILE, JSON.stringify(current, null, 2) + '\n');
  console.log(`${part} written to src/core/learnedWeights.json`);
}

/** Each column's mean and standard deviation over `rows` (1 for a constant column). */
export function columnScales(rows: readonly number[][], width: number): { mean: number[]; sd: number[] } {
  const columns = Array.from({ length: width }, (_, i) => i);
  const mean = columns.map((i) => rows.reduce((sum, r) => sum + r[i]!, 0) / rows.length);
  const sd = columns.map((i) => Math.sqrt(rows.reduce((sum, r) => sum + (r[i]! - mean[i]!) ** 2, 0) / rows.length) || 1);
  return { mean, sd };
}

/** A row in standard units, so that one learning rate suits every feature. */
export function standardised(row: readonly number[], { mean, sd }: { mean: number[]; sd: number[] }): number[] {
  return row.map((x, i) => (x - mean[i]!) / sd[i]!);
}

/**
 * Adam over `width` weights starting at 0 (β 0.9 / 0.999): `step(gradient, epoch)` moves them
 * once, epochs counted from 1. Deterministic.
 */
export function adam(width: number, learningRate: number): { weights: number[]; step(gradient: readonly number[], epoch: number): void } {
  const weights = new Array<number>(width).fill(0);
  const m = new Array<number>(width).fill(0);
  const v = new Array<number>(width).fill(0);
  return {
    weights,
    step(gradient, epoch) {
      for (let i = 0; i < width; i++) {
        const g = gradient[i]!;
        m[i] = 0.9 * m[i]! + 0.1 * g;
        v[i] = 0.999 * v[i]! + 0.001 * g * g;
        weights[i]! -= (learningRate * (m[i]! / (1 - 0.9 ** epoch))) / (Math.sqrt(v[i]! / (1 - 0.999 ** epoch)) + 1e-8);
      }
    },
  };
}

/**
 * Each half of the SQuAD tuning articles as a corpus of its own (in a temporary folder), with the
 * file names it holds: a half asked the other half's questions gives real questions to refuse.
 */
export function withTuningHalves(tuneFiles: readonly string[], work: (index: PassageIndex, half: readonly string[]) => void): void {
  for (const half of [0, 1].map((h) => tuneFiles.filter((_, i) => i % 2 === h))) {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-half-'));
    try {
      for (const file of half) copyFileSync(fileURLToPath(new URL(`data/squad/corpus/${file}`, import.meta.url)), join(dir, file));
      work(buildInMemory(dir).index, half);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
