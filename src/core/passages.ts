import type { ItemSentence } from 'wink-nlp';
import { sentenceNlp } from './nlp.js';
import type { Document, Passage, Sentence, Span } from './types.js';

export interface SegmentOptions {
  /** Most sentences in one passage. */
  maxSentences: number;
  /** A passage stops growing before it would pass this many characters (one long sentence may). */
  maxChars: number;
  /** Passages with fewer words ("Fox reported,", "The reason:") are not indexed: they cannot answer. */
  minWords: number;
}

const DEFAULT_SEGMENT_OPTIONS: SegmentOptions = { maxSentences: 3, maxChars: 600, minWords: 4 };

/**
 * Longest "sentence" kept whole: text without end punctuation (a list, a transcript, a scraped
 * page) is cut at the last space before this many characters, so every passage and quote has a
 * bounded length however the text is punctuated.
 */
export const MAX_SENTENCE_CHARS = 400;

/**
 * Paragraphs of a body: separated by a blank line, or by a line break after sentence-ending
 * punctuation (captured news pages put one paragraph per line; a hard-wrapped Markdown paragraph
 * breaks lines mid-sentence and stays whole).
 */
function paragraphs(body: string): Span[] {
  const spans: Span[] = [];
  const breaks = /\n[ \t\u00a0]*\n\s*|(?<=[.!?:…"”’)\]])[ \t\u00a0]*\n\s*/g;
  let start = 0;
  for (const match of body.matchAll(breaks)) {
    pushTrimmed(body, start, match.index, spans);
    start = match.index + match[0].length;
  }
  pushTrimmed(body, start, body.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, into: Span[]): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) into.push({ start, end });
}

/** Sentence spans of one paragraph, from wink-nlp, as offsets into `text`. */
function sentences(text: string, paragraph: Span): Sentence[] {
  const winkNlp = sentenceNlp();
  const its = winkNlp.its;
  const slice = text.slice(paragraph.start, paragraph.end);
  const doc = winkNlp.readDoc(slice);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const tokenStart: number[] = [];
  const tokenEnd: number[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i]!.length;
    tokenStart.push(at);
    at += values[i]!.length;
    tokenEnd.push(at);
  }
  // wink-nlp keeps every character as a token or a preceding space; if a future version does
  // not, a whole paragraph is still a safe sentence.
  if (values.map((v, i) => spaces[i] + v).join('') !== slice.trimEnd()) return bounded(text, paragraph);
  const result: Sentence[] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const [first, last] = sentence.out(its.span) as unknown as [number, number];
    result.push(...bounded(text, { start: paragraph.start + tokenStart[first]!, end: paragraph.start + tokenEnd[last]! }));
  });
  return result.length > 0 ? result : bounded(text, paragraph);
}

/** The sentences of a text of one or more lines (a message), as offsets into it: each line is a paragraph. */
export function sentenceSpans(text: string): Sentence[] {
  const spans: Sentence[] = [];
  for (const line of text.matchAll(/[^\n]+/g)) {
    const paragraph: Span[] = [];
    pushTrimmed(text, line.index, line.index + line[0].length, paragraph);
    for (const p of paragraph) spans.push(...sentences(text, p));
  }
  return spans;
}

/** A span cut at spaces into pieces of at most MAX_SENTENCE_CHARS (a word longer than that is cut where it must be). */
function bounded(text: string, span: Span): Sentence[] {
  const pieces: Sentence[] = [];
  let start = span.start;
  while (span.end - start > MAX_SENTENCE_CHARS) {
    const limit = start + MAX_SENTENCE_CHARS;
    const space = text.lastIndexOf(' ', limit);
    const cut = space > start ? space : limit;
    let end = cut;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    pieces.push({ start, end });
    start = cut;
    while (start < span.end && /\s/.test(text[start]!)) start++;
  }
  if (span.end > start) pieces.push({ start, end: span.end });
  return pieces;
}

function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/**
 * Splits a document into passages: runs of whole sentences within one paragraph. A paragraph
 * that only repeats the headline is left out (the title is indexed as its own field).
 */
export function segment(document: Document, firstId: number, options: SegmentOptions = DEFAULT_SEGMENT_OPTIONS): Passage[] {
  const { body } = document;
  const passages: Passage[] = [];
  paragraphs(body).forEach((paragraph, paragraphIndex) => {
    const text = body.slice(paragraph.start, paragraph.end);
    if (text === document.title) return;
    let run: Sentence[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const start = run[0]!.start;
      const end = run[run.length - 1]!.end;
      if (wordCount(body.slice(start, end)) >= options.minWords) {
        passages.push({ id: firstId + passages.length, document, paragraph: paragraphIndex, start, end, sentences: run });
      }
      run = [];
    };
    for (const sentence of sentences(body, paragraph)) {
      const tooLong = run.length > 0 && sentence.end - run[0]!.start > options.maxChars;
      if (run.length === options.maxSentences || tooLong) flush();
      run.push(sentence);
    }
    flush();
  });
  return passages;
}
