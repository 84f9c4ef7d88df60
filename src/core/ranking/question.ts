// The question as the index knows it: its words, their near forms and weights, and the share of it that found words hold.
import { analyzeQuestion } from '../analyzer.js';
import { answerType, type AnswerType } from '../answerTypes.js';
import type { NearForm, PassageIndex, WeightedTerm } from '../searchIndex.js';
import { RANKING } from './settings.js';
import { addTo } from '../groups.js';

/**
 * The words of a question worth searching: links, chat mentions (<@id>, <#id>, @everyone) carry
 * no topic, and their ids and host names would only dilute the question's weight.
 */
function searchableText(question: string): string {
  return question.replace(/\bhttps?:\/\/\S+/gi, ' ').replace(/<(?:@[!&]?|#)\d+>/g, ' ').replace(/@(?:everyone|here)\b/gi, ' ');
}

interface QuestionTerm {
  term: string;
  idf: number;
  /** The word's term id, when any passage or headline has it. */
  id: number | undefined;
  nearForms: NearForm[];
}

export interface Matcher {
  terms: QuestionTerm[];
  /** Weighted query for the index: the words, then their near forms. */
  query: WeightedTerm[];
  type: AnswerType | undefined;
  /** The question's whole weight: the sum of its words' IDF. */
  weight: number;
  /** Per question word: its IDF, and its IDF squared (rarer words weigh more). */
  idfs: number[];
  idfsSquared: number[];
  /** The question's words in lower case, as written: a name the question says is not its answer. */
  words: ReadonlySet<string>;
  /** Consecutive content terms of the question ("head coach") as pair keys (see pairKey), to meet them side by side; a pair with a word the corpus lacks has a key no sentence holds. */
  pairs: number[];
  /** Position of each pair key in `pairs`, and the size of the vocabulary the keys were made with. */
  pairIndex: Map<number, number>;
  vocabularySize: number;
  /** Every indexed term id that meets a question term: which term (by position) and how much it counts. */
  formIds: Map<number, [term: number, weight: number][]>;
  /** A word no passage has was let go (see withoutStrayWord): the others must then all be found as written. */
  strayLetGo: boolean;
}

/** Which of the question's word pairs a sentence holds side by side. */
export function pairsHeld(matcher: Matcher, ids: Uint32Array): boolean[] {
  const held = new Array<boolean>(matcher.pairs.length).fill(false);
  if (matcher.pairs.length === 0) return held;
  for (let k = 1; k < ids.length; k++) {
    const at = matcher.pairIndex.get(pairKey(ids[k - 1]!, ids[k]!, matcher.vocabularySize));
    if (at !== undefined) held[at] = true;
  }
  return held;
}

/** One number for an ordered pair of term ids. */
function pairKey(a: number, b: number, vocabularySize: number): number {
  return a * vocabularySize + b;
}

/** A question needs this many words for one the corpus has never seen to be let go. */
const MIN_WORDS_FOR_A_STRAY = 3;

/**
 * A question's words without its one stray word: a word no passage, headline or near form has
 * ("who retook the city code") when the others are there to match. Two or more unknown words
 * are a question the corpus cannot answer, and stay.
 */
function withoutStrayWord(index: PassageIndex, words: string[]): string[] {
  if (words.length < MIN_WORDS_FOR_A_STRAY) return words;
  const unknown = words.filter((w) => index.termId(w) === undefined && index.nearForms(w).length === 0);
  return unknown.length === 1 ? words.filter((w) => w !== unknown[0]) : words;
}

/** `letStrayGo`: read the question without its one stray word (see withoutStrayWord). */
export function questionMatcher(index: PassageIndex, question: string, letStrayGo = false): Matcher {
  const text = searchableText(question);
  // A word the corpus lacks is read as the corpus word it is most likely a misspelling of.
  const sequence = analyzeQuestion(text, index.knows).map((term) => (index.knows(term) ? term : (index.spellingOf(term) ?? term)));
  const asked = [...new Set(sequence)];
  const words = letStrayGo ? withoutStrayWord(index, asked) : asked;
  const own = new Set(words);
  const terms = words.map((term) => ({ term, idf: index.idf(term), id: index.termId(term), nearForms: index.nearForms(term).filter((f) => !own.has(f.term)) }));
  const query: WeightedTerm[] = words.map((term) => ({ term, weight: 1 }));
  const seen = new Set(own);
  for (const t of terms) {
    for (const form of t.nearForms) {
      // A broader or narrower word only credits what the question's own words found: searching
      // it too would more than double the postings read for no better answer (docs/ranking.md).
      if (seen.has(form.term) || form.kind === 'broader') continue;
      seen.add(form.term);
      // The index weighs a term by its own rarity; a near form must not outweigh the word asked,
      // and a closer form ("governor" for "govern") counts more than a farther ("governorate").
      query.push({ term: form.term, weight: formWeight(form) * form.closeness * Math.min(1, t.idf / index.idf(form.term)) });
    }
  }
  // Every corpus term that meets a question word, by term id.
  const forms = new Map<string, [number, number][]>();
  const meet = (term: string, i: number, weight: number) => addTo(forms, term, [i, weight]);
  terms.forEach((t, i) => {
    meet(t.term, i, 1);
    for (const form of t.nearForms) meet(form.term, i, formWeight(form));
  });
  // Consecutive question words; a pair with a word the corpus lacks gets a key no sentence holds.
  const pairs = [
    ...new Set(
      sequence.slice(1).flatMap((term, i) => {
        if (term === sequence[i]) return [];
        const a = index.termId(sequence[i]!);
        const b = index.termId(term);
        return [a === undefined || b === undefined ? -1 - i : pairKey(a, b, index.vocabularySize)];
      }),
    ),
  ];
  const formIds = new Map<number, [number, number][]>();
  for (const [term, meets] of forms) {
    const id = index.termId(term);
    if (id !== undefined) formIds.set(id, meets);
  }
  return {
    terms,
    query,
    formIds,
    type: answerType(question),
    weight: terms.reduce((sum, t) => sum + t.idf, 0),
    idfs: terms.map((t) => t.idf),
    idfsSquared: terms.map((t) => t.idf ** 2),
    words: new Set((text.match(/[\p{L}\p{N}’'-]+/gu) ?? []).map((w) => w.toLowerCase())),
    pairs,
    pairIndex: new Map(pairs.map((key, k) => [key, k])),
    vocabularySize: index.vocabularySize,
    strayLetGo: words.length < asked.length,
  };
}

const FORM_WEIGHTS = { form: 'nearFormWeight', synonym: 'synonymWeight', family: 'familyWeight', broader: 'broaderWeight' } as const;
const formWeight = (form: NearForm) => RANKING[FORM_WEIGHTS[form.kind]];

/** The share of the question's weight `found` holds; with an exponent, rarer words weigh more. */
export function share(matcher: Matcher, found: readonly number[], exponent: 1 | 2 = 1): number {
  return weightedShare(exponent === 1 ? matcher.idfs : matcher.idfsSquared, found);
}

/** How many question words `found` holds as written (not only as near forms or links). */
export function wholeWordsIn(found: readonly number[]): number {
  let whole = 0;
  for (const f of found) if (f === 1) whole++;
  return whole;
}

/** The share of the weights that `found` holds (found: per term, 1 held, less in part). */
export function weightedShare(weights: readonly number[], found: readonly number[]): number {
  let total = 0;
  let held = 0;
  for (let k = 0; k < weights.length; k++) {
    total += weights[k]!;
    held += weights[k]! * found[k]!;
  }
  return total > 0 ? held / total : 0;
}
