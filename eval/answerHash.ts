/**
 * npx tsx eval/answerHash.ts
 *
 * One hash of every answer to every eval question (status, quote offsets, article, score to 6
 * decimals; limit 10; the off-topic questions too): the same hash before and after a change means
 * the change left every answer as it was.
 */
import { createHash } from 'node:crypto';
import { buildInMemory } from '../src/core/verbatim.js';
import { loadSet, SET_NAMES } from './sets.js';

const hash = createHash('sha256');
let questions = 0;
for (const name of SET_NAMES) {
  const set = loadSet(name);
  const verbatim = buildInMemory(set.corpus);
  for (const question of [...set.questions.map((x) => x.q), ...set.offTopic]) {
    const result = verbatim.ask(question, { limit: 10 });
    hash.update(JSON.stringify([result.status, result.answers.map((a) => [a.start, a.end, a.document.id, Math.round(a.score * 1e6)])]));
    questions++;
  }
}
console.log(`${questions} questions, answers hash ${hash.digest('hex')}`);
