import { readFileSync } from 'node:fs';
import type { Verbatim } from '../src/core/verbatim.js';
import { baselineSearch } from './baseline.js';

export interface QaSet {
  questions: { q: string; expect: string[] }[];
  offTopic: string[];
}

export interface Scores {
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  /** Off-topic questions answered with nothing. */
  abstained: number;
  offTopic: number;
}

export interface Evaluation {
  verbatim: Scores;
  baseline: Scores;
  /** Questions whose right quote Verbatim did not rank first, with what it did rank first. */
  misses: { q: string; rank: number | null; first: string | undefined }[];
  /** Off-topic questions Verbatim answered anyway. */
  falseAnswers: string[];
}

export const QA_PATH = new URL('../test/fixtures/qa.json', import.meta.url);

export function loadQa(path: URL | string = QA_PATH): QaSet {
  return JSON.parse(readFileSync(path, 'utf8')) as QaSet;
}

/** 1-based rank of the first quote that contains an expected phrase, or null. */
function rankOf(quotes: string[], expected: string[]): number | null {
  const at = quotes.findIndex((quote) => expected.some((phrase) => quote.includes(phrase)));
  return at === -1 ? null : at + 1;
}

function score(ranks: (number | null)[], abstained: number, offTopic: number): Scores {
  const n = ranks.length;
  return {
    hitAt1: ranks.filter((r) => r === 1).length / n,
    hitAt3: ranks.filter((r) => r !== null && r <= 3).length / n,
    mrr: ranks.reduce((sum: number, r) => sum + (r === null ? 0 : 1 / r), 0) / n,
    abstained,
    offTopic,
  };
}

/** Verbatim and the plain baseline on the same passages and questions, in one run. */
export function evaluate(verbatim: Verbatim, qa: QaSet = loadQa()): Evaluation {
  const baseline = baselineSearch(verbatim.passages);
  const quotesOf = (q: string) => verbatim.ask(q, { limit: 3 }).answers.map((a) => a.quote);

  const verbatimRanks = qa.questions.map(({ q, expect }) => rankOf(quotesOf(q), expect));
  const baselineRanks = qa.questions.map(({ q, expect }) => rankOf(baseline(q, 3), expect));
  const falseAnswers = qa.offTopic.filter((q) => verbatim.ask(q).status !== 'no-match');
  const baselineAbstained = qa.offTopic.filter((q) => baseline(q, 3).length === 0).length;

  return {
    verbatim: score(verbatimRanks, qa.offTopic.length - falseAnswers.length, qa.offTopic.length),
    baseline: score(baselineRanks, baselineAbstained, qa.offTopic.length),
    misses: qa.questions.flatMap(({ q }, i) => (verbatimRanks[i] === 1 ? [] : [{ q, rank: verbatimRanks[i]!, first: quotesOf(q)[0] }])),
    falseAnswers,
  };
}

export function formatEvaluation(e: Evaluation, questions: number): string {
  const row = (name: string, s: Scores) =>
    `| ${name.padEnd(9)} | ${s.hitAt1.toFixed(3)} | ${s.hitAt3.toFixed(3)} | ${s.mrr.toFixed(3)} | ${`${s.abstained}/${s.offTopic}`.padStart(10)} |`;
  const lines = [
    `${questions} questions, ${e.verbatim.offTopic} off-topic`,
    '',
    '| system    | hit@1 | hit@3 | MRR   | abstained  |',
    '|-----------|-------|-------|-------|------------|',
    row('Verbatim', e.verbatim),
    row('baseline', e.baseline),
  ];
  if (e.misses.length > 0) {
    lines.push('', 'Not first:');
    for (const m of e.misses) lines.push(`  ${m.q} → rank ${m.rank ?? 'none'}; first: ${m.first?.slice(0, 100) ?? '(no answer)'}`);
  }
  if (e.falseAnswers.length > 0) lines.push('', `Answered off-topic: ${e.falseAnswers.join('; ')}`);
  return lines.join('\n');
}
