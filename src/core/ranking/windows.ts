// Quote windows: what each sentence of a paragraph holds of the question, and the best run of whole sentences to quote.
import { holdsAnswerType } from '../answerTypes.js';
import type { PassageIndex } from '../searchIndex.js';
import type { Passage, Sentence, Span } from '../types.js';
import { memo } from './memo.js';
import { headlineTerms } from './paragraphs.js';
import { pairsHeld, type Matcher } from './question.js';
import { RANKING } from './settings.js';

/** Whether each sentence of a passage states a time, kept per index by passage id: resolving dates is slow and does not depend on the question. */
const STATES_TIME_LIMIT = 50_000;

function statesTime(index: PassageIndex, passage: Passage): boolean[] {
  const known = memo(index, 'statesTime', () => new Map<number, boolean[]>());
  let states = known.get(passage.id);
  if (!states) {
    const { body, published } = passage.document;
    states = passage.sentences.map((s) => holdsAnswerType(body.slice(s.start, s.end), 'time', published, new Set()));
    if (known.size >= STATES_TIME_LIMIT) known.clear();
    known.set(passage.id, states);
  }
  return states;
}

/**
 * How much of each question term a sentence holds (1 its own word, less a near form or synonym):
 * one look-up per word of the sentence, however many forms the question's words have.
 */
function sentenceCredits(matcher: Matcher, terms: ArrayLike<number>): number[] {
  const credit = new Array<number>(matcher.terms.length).fill(0);
  for (let k = 0; k < terms.length; k++) {
    const meets = matcher.formIds.get(terms[k]!);
    if (meets) for (const [i, weight] of meets) if (weight > credit[i]!) credit[i] = weight;
  }
  return credit;
}

export interface SentenceRef {
  passage: Passage;
  sentence: Sentence;
  /** Position of the sentence in its passage. */
  at: number;
  /** The sentence's term ids in reading order, as stored with the index. */
  ids: Uint32Array;
  /** Per question term, what this sentence holds of it (see sentenceCredits). */
  credits: number[];
}

/** What windows are made of: each sentence's credit per question term and whether it holds the answer type. */
export interface SentenceFacts {
  sentences: SentenceRef[];
  credits: number[][];
  /** Per sentence: which of the question's pairs it holds side by side. */
  pairs: boolean[][];
  holds: boolean[];
  /** Per question term: what one unit of its credit adds to a window's share of the question (less when the article's headline has the word, see headlineWordInWindow). */
  gain: number[];
  /** What each of the question's word pairs held side by side adds. */
  pairGain: number;
  /** Per sentence: the share it holds on its own. */
  alone: number[];
}

export function sentenceFacts(index: PassageIndex, matcher: Matcher, sentences: SentenceRef[]): SentenceFacts {
  const { published, body } = sentences[0]!.passage.document;
  const headline = headlineTerms(index, sentences[0]!.passage.document);
  const { type } = matcher;
  const holds = sentences.map(({ passage, sentence, at }) => {
    if (!type) return false;
    if (type !== 'time') return holdsAnswerType(body.slice(sentence.start, sentence.end), type, published, matcher.words);
    return statesTime(index, passage)[at]!;
  });
  const gain = matcher.terms.map((t) => (matcher.weight === 0 ? 0 : (t.idf * (headline.has(t.term) ? RANKING.headlineWordInWindow : 1)) / matcher.weight));
  const pairGain = matcher.pairs.length === 0 ? 0 : RANKING.pairWeight / matcher.pairs.length;
  const credits = sentences.map((s) => s.credits);
  const pairs = sentences.map((s) => pairsHeld(matcher, s.ids));
  const alone = credits.map((row, j) => row.reduce((sum, c, k) => sum + gain[k]! * c, 0) + pairGain * pairs[j]!.filter(Boolean).length);
  return { sentences, credits, pairs, holds, gain, pairGain, alone };
}

/** A quote window of a paragraph and what it holds of the question. */
export interface Window {
  window: Span;
  passage: Passage;
  /** What chose it among the paragraph's windows (see bestWindow). */
  value: number;
  /** The share of the question it holds (pairs included), whether it holds the answer type, its best sentence's own share, and per question term what it holds. */
  held: number;
  holds: boolean;
  strongest: number;
  found: number[];
}

/**
 * The paragraph's best run of whole sentences: the one holding the most question weight, more
 * when it holds the kind of answer asked for and when one of its sentences holds much on its
 * own; on ties the longer run, for context. Linear in the
 * windows tried: each window extends the last by one sentence.
 */
export function bestWindow(matcher: Matcher, facts: SentenceFacts, avoid?: Span): Window {
  const { sentences, gain, pairGain, alone } = facts;
  const width = matcher.terms.length;
  const found = new Array<number>(width);
  const paired = new Array<boolean>(matcher.pairs.length);
  let best: Window = { window: sentences[0]!.sentence, passage: sentences[0]!.passage, value: -1, held: 0, holds: false, strongest: 0, found: [] };
  for (let i = 0; i < sentences.length; i++) {
    found.fill(0);
    paired.fill(false);
    let held = 0;
    let strongest = 0;
    let holds = false;
    for (let j = i; j < sentences.length; j++) {
      const start = sentences[i]!.sentence.start;
      const end = sentences[j]!.sentence.end;
      if (j > i && end - start > RANKING.windowMaxChars) break;
      // Each sentence added raises what the window holds; nothing is counted twice.
      const credits = facts.credits[j]!;
      for (let k = 0; k < width; k++) {
        if (credits[k]! > found[k]!) {
          held += gain[k]! * (credits[k]! - found[k]!);
          found[k] = credits[k]!;
        }
      }
      const pairs = facts.pairs[j]!;
      for (let k = 0; k < pairs.length; k++) {
        if (pairs[k] && !paired[k]) {
          paired[k] = true;
          held += pairGain;
        }
      }
      holds ||= facts.holds[j]!;
      // Words met in one sentence are likelier to answer together than words spread over several.
      if (alone[j]! > strongest) strongest = alone[j]!;
      if (avoid && start < avoid.end && end > avoid.start) continue;
      const value = (holds ? held * RANKING.answerTypeBoost : held) + RANKING.sentenceWeight * strongest;
      const longer = end - start > best.window.end - best.window.start;
      if (value > best.value + 1e-9 || (Math.abs(value - best.value) <= 1e-9 && longer)) best = { window: { start, end }, passage: sentences[i]!.passage, value, held, holds, strongest, found: [...found] };
    }
  }
  return best;
}

/** The sentences of a paragraph with what each holds of the question (text analysed once per passage). */
export function sentencesOf(index: PassageIndex, matcher: Matcher, passages: readonly Passage[]): SentenceRef[] {
  const sentences: SentenceRef[] = [];
  for (const p of passages) {
    p.sentences.forEach((sentence, at) => {
      // The index stores each sentence's term ids: reading a candidate analyses no text.
      const ids = index.sentenceTermIds(p.id, at);
      sentences.push({ passage: p, sentence, at, ids, credits: sentenceCredits(matcher, ids) });
    });
  }
  return sentences;
}
