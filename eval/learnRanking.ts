/**
 * npx tsx eval/learnRanking.ts
 *
 * Learns RANKING.scoreWeights (written to src/core/learnedWeights.json) from the tuning sets only (squad-tune and the
 * seed tuning questions; never the held-out halves) and prints them. For every question with an
 * answer among its candidate quotes, a softmax over the candidates is pushed towards the
 * best-scoring candidate that holds an answer (any answer first is a hit), by Adam on
 * standardised features with a little L2. Deterministic: same data, same weights.
 */
import { buildInMemory } from '../src/core/verbatim.js';
import { unfilteredQuotes, type WindowFeatures } from '../src/core/ranking/score.js';
import { RANKING } from '../src/core/ranking/settings.js';
import { adam, columnScales, rounded, saveLearned, standardised } from './learning.js';
import { loadSet, type SetName } from './sets.js';

const TUNING_SETS: SetName[] = ['squad-tune', 'seeds'];
const NAMES = Object.keys(RANKING.scoreWeights) as (keyof WindowFeatures)[];
const EPOCHS = 300;
const LEARNING_RATE = 0.05;
const L2 = 1e-3;

interface Question {
  features: number[][];
  answers: boolean[];
}

const questions: Question[] = TUNING_SETS.flatMap((name) => {
  const set = loadSet(name);
  if (set.heldOut) throw new Error(`${name} is held out`);
  const { index } = buildInMemory(set.corpus);
  return set.questions.flatMap(({ q, expect }) => {
    const candidates = unfilteredQuotes(index, q);
    const answers = candidates.map((c) => expect.some((text) => c.window.passage.document.body.slice(c.window.window.start, c.window.window.end).includes(text)));
    return candidates.length > 1 && answers.some(Boolean) ? [{ features: candidates.map((c) => NAMES.map((n) => c.features[n])), answers }] : [];
  });
});

const scales = columnScales(questions.flatMap((q) => q.features), NAMES.length);
for (const q of questions) q.features = q.features.map((r) => standardised(r, scales));

const { weights: w, step } = adam(NAMES.length, LEARNING_RATE);
const dot = (x: number[]) => x.reduce((sum, xi, i) => sum + xi * w[i]!, 0);
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  const gradient = NAMES.map(() => 0);
  for (const { features, answers } of questions) {
    const scores = features.map(dot);
    const top = Math.max(...scores);
    const exp = scores.map((s) => Math.exp(s - top));
    const total = exp.reduce((a, b) => a + b, 0);
    let target = -1;
    answers.forEach((answer, k) => {
      if (answer && (target < 0 || scores[k]! > scores[target]!)) target = k;
    });
    features.forEach((x, k) => {
      const error = exp[k]! / total - (k === target ? 1 : 0);
      x.forEach((xi, i) => (gradient[i]! += error * xi));
    });
  }
  step(
    gradient.map((g, i) => g / questions.length + L2 * w[i]!),
    epoch,
  );
}

// Back to the features' own scale; the standardising offsets add the same to every candidate.
console.log(`${questions.length} questions from ${TUNING_SETS.join(', ')}; RANKING.scoreWeights:`);
const learnt = Object.fromEntries(NAMES.map((n, i) => [n, rounded(w[i]! / scales.sd[i]!)])) as Record<(typeof NAMES)[number], number>;
console.log(JSON.stringify(learnt));
saveLearned('scoreWeights', learnt);
