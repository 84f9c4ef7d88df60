// "Find sources" for a message: its check-worthy sentences, each with the library's passages that report the same thing.
import { ask, MAX_QUESTION_LENGTH, type Answer } from './ask.js';
import { figureItems, pairFigures, sameFigure, type FigureDisagreement } from './figures.js';
import { nlp } from './nlp.js';
import { analyze } from './analyzer.js';
import { dateMentions } from './dates.js';
import { sentenceSpans } from './passages.js';
import type { PassageIndex } from './searchIndex.js';
import type { DocumentRef, Span, VerbatimQuote } from './types.js';

/** Claims looked up per message: a long message is not a batch of questions. */
export const MAX_CLAIMS = 3;
/** Quotes shown for each claim. */
const QUOTES_PER_CLAIM = 2;
/** A sentence shorter than this (in words) is a greeting or an aside, not a claim. */
const MIN_CLAIM_WORDS = 5;

/** A figure or date of the message that a source gives otherwise, side by side; Verbatim never says which is right. */
interface MessageDiffers {
  kind: 'figure' | 'date';
  /** The message's words for it ("4,000 fighters", "on 12 December 2016"), as offsets into the message. */
  message: Span & { text: string };
  /** The source's sentence, verbatim, and the offsets of its figure or date within that sentence. */
  source: VerbatimQuote & { at: Span };
}

/** One check-worthy sentence of the message and what the library reports of it. */
interface ClaimSources extends Span {
  claim: string;
  /** The library's passages that report it, best first; none: the library has nothing on it. */
  quotes: Answer[];
  /** Figures the sources give otherwise than the message. */
  messageDiffers: MessageDiffers[];
  /** Sources that give different figures from each other. */
  sourcesDiffer: FigureDisagreement[];
}

export interface SourcesFor {
  text: string;
  /** Up to MAX_CLAIMS claims, in the message's order. */
  claims: ClaimSources[];
}

/**
 * How much a sentence states something that can be checked: the names, numbers and dates it holds
 * (wink-nlp's part-of-speech tags and entities). A question, a greeting, or an opinion without a
 * name, number or date holds none and is not looked up.
 */
function checkWorthiness(sentence: string): number {
  const trimmed = sentence.trim();
  if (trimmed.endsWith('?')) return 0;
  const winkNlp = nlp();
  const its = winkNlp.its;
  const doc = winkNlp.readDoc(trimmed);
  const tags = doc.tokens().out(its.pos) as string[];
  const words = tags.filter((t) => t !== 'PUNCT' && t !== 'SYM' && t !== 'SPACE').length;
  if (words < MIN_CLAIM_WORDS || !tags.some((t) => t === 'VERB' || t === 'AUX')) return 0;
  const names = tags.filter((t) => t === 'PROPN').length;
  const numbers = tags.filter((t) => t === 'NUM').length;
  const entities = doc.entities().length();
  return names + 2 * numbers + entities;
}

/** A claim cut to the longest question ask() takes, at a space. */
function asQuestion(claim: string): string {
  if (claim.length <= MAX_QUESTION_LENGTH) return claim;
  const cut = claim.lastIndexOf(' ', MAX_QUESTION_LENGTH);
  return claim.slice(0, cut > 0 ? cut : MAX_QUESTION_LENGTH);
}

/** The message, as a source of its own, so its figures are compared with the library's as the library's are with each other. */
const MESSAGE: DocumentRef = { id: '', title: '', outlet: '\u0000message', url: '', published: '', path: '' };

/** A quote's sentences, each as a verbatim quote of its own: figures are compared sentence by sentence. */
function sentencesOf(quote: VerbatimQuote): VerbatimQuote[] {
  return sentenceSpans(quote.quote).map((s) => ({ quote: quote.quote.slice(s.start, s.end), start: quote.start + s.start, end: quote.start + s.end, document: quote.document }));
}

function differencesWithMessage(claim: ClaimSources): MessageDiffers[] {
  const theirs = claim.quotes.flatMap((q) => sentencesOf(q).flatMap(figureItems));
  // A figure some source also gives is confirmed there; the source's other figures of that kind count other things.
  const mine = figureItems({ quote: claim.claim, start: claim.start, end: claim.end, document: MESSAGE }).filter(
    (m) => !theirs.some((t) => t.figure.unit === m.figure.unit && sameFigure(t.figure.value, m.figure.value)),
  );
  if (mine.length === 0) return [];
  const found: MessageDiffers[] = [];
  for (const group of pairFigures([...mine, ...theirs])) {
    const message = group.quotes.find((q) => q.document === MESSAGE);
    if (!message) continue;
    for (const q of group.quotes) {
      if (q.document === MESSAGE) continue;
      const { figure, ...quote } = q;
      found.push({
        kind: 'figure',
        message: { start: claim.start + message.figure.start, end: claim.start + message.figure.end, text: claim.claim.slice(message.figure.start, message.figure.end) },
        source: { quote: quote.quote, start: quote.start, end: quote.end, document: quote.document, at: { start: figure.start, end: figure.end } },
      });
    }
  }
  return found;
}

/** A date the text states outright, with its year ("11 December 2016", "March 2016", "2015"): "on Sunday" needs a day to count from. */
const ABSOLUTE_DATE = /\b\d{4}\b/;
/** Words a claim and a source sentence share (beyond their dates) for their dates to be about the same thing. */
const MIN_SHARED_WORDS = 3;

/**
 * Dates the message states outright that a source sentence about the same thing (sharing at
 * least three words) gives otherwise at the same precision, unless some source gives the
 * message's date too. A source's dates are read against its publication date.
 */
function dateDifferences(claim: ClaimSources): MessageDiffers[] {
  // The message has no date of its own: only what it states outright is compared.
  const mine = dateMentions(claim.claim, '2100-01-01').filter((m) => ABSOLUTE_DATE.test(m.text));
  if (mine.length === 0) return [];
  const claimWords = new Set(analyze(claim.claim));
  const theirs = claim.quotes.flatMap((q) =>
    sentencesOf(q).flatMap((sentence) => {
      const shared = analyze(sentence.quote).filter((w, i, all) => claimWords.has(w) && all.indexOf(w) === i && !/^\d+$/.test(w)).length;
      return dateMentions(sentence.quote, sentence.document.published).map((date) => ({ sentence, date, shared }));
    }),
  );
  const found: MessageDiffers[] = [];
  for (const m of mine) {
    const alike = theirs.filter((t) => t.date.precision === m.precision);
    if (alike.some((t) => t.date.iso === m.iso)) continue;
    const other = alike.find((t) => t.shared >= MIN_SHARED_WORDS);
    if (!other) continue;
    const { sentence, date } = other;
    found.push({
      kind: 'date',
      message: { start: claim.start + m.index, end: claim.start + m.index + m.text.length, text: m.text },
      source: { ...sentence, at: { start: date.index, end: date.index + date.text.length } },
    });
  }
  return found;
}

/**
 * The message's check-worthy sentences (up to MAX_CLAIMS, the most check-worthy, kept in the
 * message's order), each asked of the library as a question: the quotes that answer it, or none.
 */
export function findSources(index: PassageIndex, text: string): SourcesFor {
  const candidates = sentenceSpans(text)
    .map((span) => ({ ...span, worth: checkWorthiness(text.slice(span.start, span.end)) }))
    .filter((c) => c.worth > 0);
  const chosen = [...candidates]
    .sort((a, b) => b.worth - a.worth || a.start - b.start)
    .slice(0, MAX_CLAIMS)
    .sort((a, b) => a.start - b.start);
  const claims = chosen.map(({ start, end }): ClaimSources => {
    const claim = text.slice(start, end);
    const result = ask(index, asQuestion(claim), { limit: QUOTES_PER_CLAIM });
    const found: ClaimSources = { claim, start, end, quotes: result.answers, messageDiffers: [], sourcesDiffer: result.status === 'answered' ? result.differences : [] };
    found.messageDiffers = [...differencesWithMessage(found), ...dateDifferences(found)];
    return found;
  });
  return { text, claims };
}
