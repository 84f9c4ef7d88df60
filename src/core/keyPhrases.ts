import { STOP_WORDS } from './lexicon/stopwords.js';
import { runAtOnce, runInSteps, type Steps } from './steps.js';
import type { Document } from './types.js';

/**
 * Leading words capitalised only because they open a sentence ("The Observatory", "According to
 * the Council", "Meanwhile Paris"): stop words anywhere, and at a sentence start any word the
 * corpus also writes in lower case.
 */
function withoutLeadingSmallWords(phrase: string, atSentenceStart: boolean, lowerCaseWords: ReadonlySet<string>): string {
  const words = phrase.split(' ');
  const common = (word: string) => STOP_WORDS.has(word.toLowerCase()) || (atSentenceStart && lowerCaseWords.has(word.toLowerCase()));
  while (words.length > 1 && common(words[0]!)) words.shift();
  return words.join(' ');
}

/** A run of capitalised words, joined by the small words names contain ("Temple of Bel", "Abu Bakr Al-Baghdadi"). */
const NAME = /\b\p{Lu}[\p{L}’'-]*(?:[ \t\u00a0]+(?:(?:of|for|the|al|ez|de|bin)[ \t\u00a0]+)?\p{Lu}[\p{L}’'-]*)*/gu;
const MAX_PHRASES = 2000;

/**
 * Phrases worth suggesting while a reader types a question: article titles and names that occur
 * in the articles (runs of capitalised words), most frequent first. Built once per corpus, so
 * autocomplete answers from memory well within Discord's 3 seconds.
 */
export function keyPhrases(documents: readonly Document[]): string[] {
  return runAtOnce(keyPhraseSteps(documents));
}

/** keyPhrases giving the event loop back every few articles: a bot works them out again after a change. */
export function keyPhrasesInSteps(documents: readonly Document[]): Promise<string[]> {
  return runInSteps(keyPhraseSteps(documents));
}

/** Articles read between two yields to the event loop. */
const DOCUMENTS_PER_STEP = 50;

function* keyPhraseSteps(documents: readonly Document[]): Steps<string[]> {
  const counts = new Map<string, number>();
  const add = (phrase: string, weight = 1) => counts.set(phrase, (counts.get(phrase) ?? 0) + weight);
  const lowerCaseWords = new Set<string>();
  for (const [i, d] of documents.entries()) {
    if ((i + 1) % DOCUMENTS_PER_STEP === 0) yield;
    for (const word of d.body.match(/(?<![\p{L}])\p{Ll}[\p{Ll}’'-]*/gu) ?? []) lowerCaseWords.add(word);
  }
  for (const [i, document] of documents.entries()) {
    if ((i + 1) % DOCUMENTS_PER_STEP === 0) yield;
    add(document.title, 3);
    for (const match of document.body.matchAll(NAME)) {
      const atSentenceStart = /(^|[.!?“"]\s*)$/.test(document.body.slice(Math.max(0, match.index - 3), match.index));
      const phrase = withoutLeadingSmallWords(match[0].replace(/[’']s$/, '').replace(/\s+/g, ' ').trim(), atSentenceStart, lowerCaseWords);
      // A lone capitalised word at the start of a sentence is usually just a word ("However").
      if (!phrase.includes(' ') && (atSentenceStart || phrase.length < 3)) continue;
      add(phrase);
    }
  }
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, MAX_PHRASES)
    .map(([phrase]) => phrase);
}

/**
 * Up to `max` completions for what the reader has typed so far: key phrases that contain the last
 * word being typed, put in place of it ("who won the bat" → "who won the Battle of Hastings").
 */
export function completeQuestion(typed: string, phrases: readonly string[], max: number, maxLength: number): string[] {
  const match = /^(.*?)(\S*)$/s.exec(typed)!;
  const head = match[1]!;
  const partial = match[2]!.toLowerCase();
  if (partial === '' && head.trim() === '') return phrases.slice(0, max).filter((p) => p.length <= maxLength);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const phrase of phrases) {
    const lower = phrase.toLowerCase();
    if (lower.startsWith(partial)) starts.push(phrase);
    else if (partial.length >= 3 && lower.includes(` ${partial}`)) contains.push(phrase);
    if (starts.length >= max) break;
  }
  return [...starts, ...contains]
    .map((phrase) => head + phrase)
    .filter((suggestion) => suggestion.length <= maxLength)
    .slice(0, max);
}
