/**
 * npx tsx eval/learnAbstention.ts
 *
 * Learns RANKING.abstention from the tuning half only, prints it and writes it to src/core/learnedWeights.json. The
 * questions to refuse are real questions about something the corpus lacks: the SQuAD tuning
 * articles are split in two, and each half's corpus is asked the other half's questions (and the
 * seeds, 71 passages of war news, a tenth of them), besides the written off-topic questions.
 * The questions to answer are each half's own questions, squad-tune over all 44 articles and the
 * seed tuning questions. A logistic regression (Adam on standardised evidence, each side weighing
 * half) gives the weights; the bias is then set so that 99 % of squad-tune questions are answered
 * (the "no good match ≤ 1 %" target of issue 10). Deterministic: same data, same figures. Learn
 * RANKING.scoreWeights first: the best quote's score is part of the evidence.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { questionEvidence, type Evidence } from '../src/core/ranking/abstain.js';
import { RANKING } from '../src/core/ranking/settings.js';
import { buildInMemory } from '../src/core/verbatim.js';
import { adam, columnScales, rounded, saveLearned, standardised, withTuningHalves } from './learning.js';
import { loadSet } from './sets.js';

const NAMES = Object.keys(RANKING.abstention.weights) as (keyof Evidence)[];
const EPOCHS = 500;
const LEARNING_RATE = 0.05;
const L2 = 1e-3;
const ANSWERED = 0.99;

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const split = JSON.parse(readFileSync(here('data/squad/split.json'), 'utf8')) as { tune: string[] };
const squad = JSON.parse(readFileSync(here('data/squad/questions.json'), 'utf8')) as { q: string; doc: string }[];
const tuneQuestions = squad.filter((q) => split.tune.includes(q.doc));

interface Example {
  evidence: number[];
  answer: boolean;
  /** Which group of questions it is, for the figures printed at the end. */
  group: string;
}
const examples: Example[] = [];
const add = (index: Parameters<typeof questionEvidence>[0], question: string, answer: boolean, group: string) => {
  const evidence = questionEvidence(index, question);
  examples.push({ evidence: NAMES.map((n) => evidence?.[n] ?? 0), answer, group });
};

// Each half of the tuning articles as a corpus of its own, asked both halves' questions.
withTuningHalves(split.tune, (index, half) => {
  for (const q of tuneQuestions) add(index, q.q, half.includes(q.doc), half.includes(q.doc) ? 'half-corpus, own questions' : "half-corpus, other half's questions");
});
const tune = loadSet('squad-tune');
const { index: squadIndex } = buildInMemory(tune.corpus);
for (const q of tune.questions) add(squadIndex, q.q, true, 'squad-tune');
for (const q of tune.offTopic) add(squadIndex, q, false, 'squad-tune off-topic');
const seeds = loadSet('seeds');
const { index: seedIndex } = buildInMemory(seeds.corpus);
for (const q of seeds.questions) add(seedIndex, q.q, true, 'seeds tune');
for (const q of seeds.offTopic) add(seedIndex, q, false, 'seeds off-topic');
for (const q of tuneQuestions.filter((_, i) => i % 10 === 0)) add(seedIndex, q.q, false, 'seeds, SQuAD questions');

const scales = columnScales(examples.map((e) => e.evidence), NAMES.length);
const standard = examples.map((e) => standardised(e.evidence, scales));
const positives = examples.filter((e) => e.answer).length;
const sideWeight = (answer: boolean) => examples.length / (2 * (answer ? positives : examples.length - positives));

// The bias is the last weight, on a constant 1 (and is not shrunk).
const width = NAMES.length + 1;
const { weights: w, step } = adam(width, LEARNING_RATE);
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  const gradient = new Array<number>(width).fill(0);
  standard.forEach((x, k) => {
    const z = x.reduce((sum, xi, i) => sum + xi * w[i]!, w[width - 1]!);
    const error = (1 / (1 + Math.exp(-z)) - (examples[k]!.answer ? 1 : 0)) * sideWeight(examples[k]!.answer);
    x.forEach((xi, i) => (gradient[i]! += error * xi));
    gradient[width - 1]! += error;
  });
  step(
    gradient.map((g, i) => g / standard.length + (i < width - 1 ? L2 * w[i]! : 0)),
    epoch,
  );
}

// Back to the evidence's own units, then the bias that answers ANSWERED of squad-tune.
const weights = NAMES.map((_, i) => w[i]! / scales.sd[i]!);
const raw = (e: number[]) => e.reduce((sum, x, i) => sum + x * weights[i]!, 0);
const mayAnswer = (e: Example) => e.evidence[NAMES.indexOf('wholeWords')]! >= RANKING.minWholeWords;
const tuneSums = examples
  .filter((e) => e.group === 'squad-tune' && mayAnswer(e))
  .map((e) => raw(e.evidence))
  .sort((a, b) => a - b);
const refused = tune.questions.length - Math.round(tune.questions.length * ANSWERED) - (tune.questions.length - tuneSums.length);
const bias = -tuneSums[Math.max(0, refused)]!;
console.log(`${examples.length} questions (${positives} to answer); answered, by group:`);
for (const group of new Set(examples.map((e) => e.group))) {
  const members = examples.filter((e) => e.group === group);
  const answered = members.filter((e) => mayAnswer(e) && raw(e.evidence) + bias >= 0).length;
  console.log(`  ${group}: ${answered} of ${members.length} (${((100 * answered) / members.length).toFixed(1)} %)`);
}
const learnt = { bias: rounded(bias), weights: Object.fromEntries(NAMES.map((n, i) => [n, rounded(weights[i]!)])) as Record<(typeof NAMES)[number], number> };
console.log(JSON.stringify(learnt, null, 2));
saveLearned('abstention', learnt);
