import type { ItsFunction } from 'wink-nlp';
import { nlp } from './nlp.js';
import { STOP_WORDS } from './lexicon/stopwords.js';
import synonymData from './lexicon/synonyms.json' with { type: 'json' };

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
/** Prefixes whose stem wink-nlp knows when it does not know the whole word ("retook" → "re" + "take"). */
const VERB_PREFIXES = ['re', 'over', 'under', 'out', 'mis', 'un'];

const { synonyms, acronyms } = buildLexicon(synonymData);

function buildLexicon(data: { groups: string[][]; acronyms: Record<string, string> }) {
  const synonyms = new Map<string, string>();
  for (const group of data.groups) {
    const [canonical, ...others] = group.map(foldHyphens);
    for (const word of others) synonyms.set(word, canonical!);
  }
  return { synonyms, acronyms: new Map(Object.entries(data.acronyms)) };
}

function foldHyphens(word: string): string {
  return word.toLowerCase().replace(/-/g, '');
}

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

function winkLemma(word: string): string {
  const winkNlp = nlp();
  const lemmas = winkNlp.readDoc(word).tokens().out(winkNlp.its.lemma as ItsFunction<string>) as string[];
  return lemmas.length === 1 ? lemmas[0]!.toLowerCase() : word;
}

/** The index term for one word (no hyphens), or undefined for a stop word. */
function termOf(word: string): string | undefined {
  if (ALL_CAPS.test(word)) {
    const mapped = acronyms.get(word);
    if (mapped) return mapped;
  }
  const lower = word.toLowerCase();
  if (STOP_WORDS.has(lower)) return undefined;
  if (NUMBER.test(lower)) return lower.replace(/[.,]/g, '');
  // Acronyms ("ISIS", "UNESCO") are names, not inflected words: stemming them mangles them.
  const lemma = ALL_CAPS.test(word) ? lower : lemmaOf(lower);
  if (STOP_WORDS.has(lemma)) return undefined;
  return synonyms.get(lemma) ?? lemma;
}

/** Every index term in `text`, with the offsets of the word that produced it. */
export function analyzeWithOffsets(text: string): Term[] {
  const terms: Term[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    const push = (term: string | undefined) => {
      if (term) terms.push({ term, start, end });
    };
    const raw = match[0].normalize('NFKC');
    if (DOTTED_INITIALS.test(raw)) {
      push(acronyms.get(raw) ?? termOf(raw.replace(/\./g, '')));
      continue;
    }
    const word = raw
      .replace(/[\u2019\u02bc]/g, "'")
      .replace(/[\u2010\u2011]/g, '-')
      .replace(/'s$/i, '')
      .replace(/'/g, '')
      .replace(/(?<=\p{N})[.,](?=\p{N})/gu, '');
    if (NUMBER.test(word)) {
      push(termOf(word));
      continue;
    }
    const parts = word.split('-').filter(Boolean);
    if (parts.length === 1) {
      push(termOf(word));
      continue;
    }
    // "re-captured" must meet "recaptured", and "Russian-backed" must meet "Russian".
    push(termOf(parts.join('')));
    for (const part of parts) if (part.length >= 3 || ALL_CAPS.test(part)) push(termOf(part));
  }
  return terms;
}

/** Index terms of `text`, in order, repeats kept (BM25 counts them). */
export function analyze(text: string): string[] {
  return analyzeWithOffsets(text).map((t) => t.term);
}
