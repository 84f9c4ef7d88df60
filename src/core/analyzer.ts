import type { ItsFunction } from 'wink-nlp';
import { nlp } from './nlp.js';
import { STOP_WORDS } from './lexicon/stopwords.js';

/** One index term and the characters of the word it came from. */
export interface Term {
  term: string;
  start: number;
  end: number;
}

/**
 * Words as a reader sees them: letters and digits joined by inner hyphens or apostrophes
 * ("re-captured", "Russia’s", "2,000-year-old"), digit groups with separators ("4,000"), and
 * dotted initials ("U.S.").
 */
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:(?:[-\u2010\u2011'\u2019\u02bc]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}]+)*/gu;
const DOTTED_INITIALS = /^(?:\p{L}\.){2,}$/u;
const ALL_CAPS = /^\p{Lu}{2,}$/u;
const NUMBER = /^\p{N}[\p{N}.,]*$/u;
/** A word of ASCII letters only: no rewriting applies to it. */
const PLAIN_WORD = /^[A-Za-z]+$/;
const TWO_CAPITALS = /\p{Lu}\p{Lu}/u;
/** Prefixes whose stem wink-nlp knows when it does not know the whole word ("retook" → "re" + "take"). */
const VERB_PREFIXES = ['re', 'over', 'under', 'out', 'mis', 'un'];

const lemmaCache = new Map<string, string>();

/** wink-nlp's lemma of a lower-case word, read out of context so a query and a passage agree. */
export function lemmaOf(word: string): string {
  let lemma = lemmaCache.get(word);
  if (lemma === undefined) {
    lemma = winkLemma(word);
    if (lemma === word) {
      const prefix = VERB_PREFIXES.find((p) => word.startsWith(p) && word.length - p.length >= 3);
      if (prefix) {
        const rest = winkLemma(word.slice(prefix.length));
        if (rest !== word.slice(prefix.length)) lemma = prefix + rest;
      }
    }
    // Plurals of words outside the model's vocabulary ("airstrikes"); not "-ss", "-us", "-is".
    if (lemma === word && word.length > 4 && /[^siu]s$/.test(word)) lemma = word.slice(0, -1);
    lemmaCache.set(word, lemma);
  }
  return lemma;
}

/**
 * Loads the language model now. A loaded index answers most questions from its stored lemmas, so
 * the model would otherwise load (0.3–0.4 s) on the first question with a new word, while every
 * interaction queued behind it waits.
 */
export function loadLanguageModel(): void {
  winkLemma('loading');
}

function winkLemma(word: string): string {
  const winkNlp = nlp();
  const lemmas = winkNlp.readDoc(word).tokens().out(winkNlp.its.lemma as ItsFunction<string>) as string[];
  return lemmas.length === 1 ? lemmas[0]!.toLowerCase() : word;
}

/** Letters written without a combining accent that readers still type plainly. */
const PLAIN_FORMS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * A term with its Latin, Greek and Cyrillic accents taken off ("café" → "cafe", "müller" →
 * "muller"): readers type names with or without them. Only the combining diacritics block is
 * removed, so the vowel signs of other scripts stay.
 */
function withoutAccents(term: string): string {
  if (!/[^\x00-\x7f]/.test(term)) return term;
  return term
    .normalize('NFD')
    .replace(/[\u0300-\u036f]+/g, '')
    .replace(/[øæœßłđðþı]/g, (c) => PLAIN_FORMS[c]!)
    .normalize('NFC');
}

/**
 * The index term for one word (no hyphens), or undefined for a stop word. An all-capital word in
 * ordinary text is an acronym ("IS", "US", "UNESCO"): kept whole, never a stop word, never
 * stemmed; a text written all in capitals is folded first (see `isShouted`).
 */
function termOf(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (ALL_CAPS.test(word)) return withoutAccents(lower);
  if (STOP_WORDS.has(lower)) return undefined;
  if (NUMBER.test(lower)) return lower.replace(/[.,]/g, '');
  const lemma = lemmaOf(lower);
  if (STOP_WORDS.has(lemma)) return undefined;
  return withoutAccents(lemma);
}

/** The index terms of one word as written ("re-captured" → recapture's and capture's terms). */
function wordTerms(written: string): string[] {
  const terms: string[] = [];
  const push = (term: string | undefined) => {
    if (term) terms.push(term);
  };
  // Most words are plain letters: none of the rewriting below applies to them.
  if (PLAIN_WORD.test(written)) {
    push(termOf(written));
    return terms;
  }
  const raw = /[^\x00-\x7f]/.test(written) ? written.normalize('NFKC') : written;
  if (DOTTED_INITIALS.test(raw)) {
    push(termOf(raw.replace(/\./g, '').toUpperCase()));
    return terms;
  }
  const word = raw
    .replace(/[\u2019\u02bc]/g, "'")
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/'s$/i, '')
    .replace(/'/g, '')
    .replace(/(?<=\p{N})[.,](?=\p{N})/gu, '');
  if (NUMBER.test(word)) {
    push(termOf(word));
    return terms;
  }
  const parts = word.split('-').filter(Boolean);
  if (parts.length === 1) {
    push(termOf(word));
    return terms;
  }
  // "re-captured" must meet "recaptured", and "Russian-backed" must meet "Russian".
  push(termOf(parts.join('')));
  for (const part of parts) if (part.length >= 3 || ALL_CAPS.test(part)) push(termOf(part));
  return terms;
}

/**
 * Terms by word as written. News text repeats its words, so most words are analysed once per
 * process; the bound keeps a huge corpus from growing it without end.
 */
const wordCache = new Map<string, string[]>();
const WORD_CACHE_LIMIT = 500_000;

function cachedWordTerms(written: string): string[] {
  let terms = wordCache.get(written);
  if (terms === undefined) {
    terms = wordTerms(written);
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(written, terms);
  }
  return terms;
}

/**
 * A text in capitals ("WHO WON THE RACE", a shouted headline): most of its words are all
 * capitals, so capitals say nothing about acronyms there and the text is read in lower case.
 */
function isShouted(text: string): boolean {
  // Without two capitals in a row no word is all capitals.
  if (!TWO_CAPITALS.test(text)) return false;
  let caps = 0;
  let words = 0;
  for (const match of text.matchAll(/\p{L}{2,}/gu)) {
    words++;
    if (ALL_CAPS.test(match[0])) caps++;
  }
  return words >= 2 && caps * 2 > words;
}

/** Every index term in `text`, with the offsets of the word that produced it. */
export function analyzeWithOffsets(text: string): Term[] {
  const source = isShouted(text) ? text.toLowerCase() : text;
  const terms: Term[] = [];
  for (const match of source.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    for (const term of cachedWordTerms(match[0])) terms.push({ term, start, end });
  }
  return terms;
}

/** Index terms of `text`, in order, repeats kept (BM25 counts them). */
export function analyze(text: string): string[] {
  const source = isShouted(text) ? text.toLowerCase() : text;
  const terms: string[] = [];
  for (const match of source.matchAll(WORD)) {
    const found = cachedWordTerms(match[0]);
    if (found.length === 1) terms.push(found[0]!);
    else for (const term of found) terms.push(term);
  }
  return terms;
}

/**
 * A question's terms, each word read the way the index knows it: a word in capitals inside a
 * question ("who RETOOK the city") is an acronym only if the corpus has that acronym; otherwise
 * it is read as the ordinary word.
 */
export function analyzeQuestion(text: string, known: (term: string) => boolean): string[] {
  const source = isShouted(text) ? text.toLowerCase() : text;
  const terms: string[] = [];
  for (const match of source.matchAll(WORD)) {
    const word = match[0];
    const asWritten = cachedWordTerms(word);
    const acronym = /\p{Lu}{2}/u.test(word);
    terms.push(...(acronym && !asWritten.some(known) ? cachedWordTerms(word.toLowerCase()) : asWritten));
  }
  return terms;
}

/** Lemmas worked out so far (word → lemma), to persist with an index so queries meet it exactly. */
export function lemmaTable(): [string, string][] {
  return [...lemmaCache.entries()];
}

export function preloadLemmas(entries: Iterable<[string, string]>): void {
  for (const [word, lemma] of entries) lemmaCache.set(word, lemma);
}
