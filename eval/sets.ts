import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A question and the texts that make a quote an answer (a quote answers when it contains one). */
interface EvalQuestion {
  q: string;
  expect: string[];
}

/** One evaluation set: questions over one corpus folder, and questions the corpus cannot answer. */
export interface EvalSet {
  name: string;
  /** Whether this set may be tuned on; held-out sets are only reported (and floored in tests). */
  heldOut: boolean;
  corpus: string;
  questions: EvalQuestion[];
  offTopic: string[];
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const json = <T>(path: string) => JSON.parse(readFileSync(here(path), 'utf8')) as T;

const SEEDS_CORPUS = here('../seeds/');
const SQUAD_CORPUS = here('data/squad/corpus/');

function seedSet(name: string, file: string, heldOut: boolean): EvalSet {
  const set = json<{ questions: EvalQuestion[]; offTopic: string[] }>(file);
  return { name, heldOut, corpus: SEEDS_CORPUS, questions: set.questions, offTopic: set.offTopic };
}

/** A half of the SQuAD questions, split by article (data/squad/split.json), over all 44 articles. */
function squadSet(half: 'tune' | 'heldout'): EvalSet {
  const split = json<Record<'tune' | 'heldout', string[]>>('data/squad/split.json');
  const docs = new Set(split[half]);
  const questions = json<{ q: string; answers: string[]; doc: string }[]>('data/squad/questions.json')
    .filter((q) => docs.has(q.doc))
    .map((q) => ({ q: q.q, expect: q.answers }));
  const offTopic = json<Record<'tune' | 'heldout', string[]>>('sets/squad-offtopic.json')[half];
  return { name: half === 'tune' ? 'squad tune' : 'squad held-out', heldOut: half === 'heldout', corpus: SQUAD_CORPUS, questions, offTopic };
}

export const SET_NAMES = ['seeds', 'seeds-heldout', 'squad-tune', 'squad-heldout'] as const;
export type SetName = (typeof SET_NAMES)[number];

export function loadSet(name: SetName): EvalSet {
  switch (name) {
    case 'seeds':
      return seedSet('seeds', 'sets/seeds-tune.json', false);
    case 'seeds-heldout':
      return seedSet('seeds held-out', 'sets/seeds-heldout.json', true);
    case 'squad-tune':
      return squadSet('tune');
    case 'squad-heldout':
      return squadSet('heldout');
  }
}
