import { analyze, analyzeWithOffsets } from './analyzer.js';
import type { PassageIndex, SearchFilter, SearchHit } from './searchIndex.js';
import { documentRef, type DocumentRef, type Span } from './types.js';

export const MAX_QUESTION_LENGTH = 300;
export const DEFAULT_LIMIT = 3;
export const MAX_LIMIT = 10;
/**
 * Share of the question's weight (IDF of its content words) a passage must contain to count as
 * an answer. BM25 scores are not comparable across questions; this share is.
 */
export const MIN_COVERAGE = 0.5;

export interface AskOptions extends SearchFilter {
  limit?: number;
}

export interface Answer {
  rank: number;
  score: number;
  /** Verbatim: always `document.body.slice(start, end)`. */
  quote: string;
  start: number;
  end: number;
  document: DocumentRef;
  /** Query terms the passage (or its title) contains. */
  matchedTerms: string[];
  /** Words of the quote that carry a matched term, as offsets into the body. */
  highlights: Span[];
}

export type AskResult =
  | { status: 'answered'; question: string; terms: string[]; answers: Answer[] }
  | { status: 'no-match'; question: string; terms: string[]; answers: [] }
  | { status: 'invalid'; question: string; reason: InvalidReason; message: string; answers: [] };

export type InvalidReason = 'empty' | 'too-long' | 'only-stop-words' | 'bad-option';

/** Fixed wording for refused questions: the only non-quoted text an answer may carry. */
export const INVALID_MESSAGES: Record<InvalidReason, string> = {
  empty: 'Ask a question, for example: who retook Palmyra',
  'too-long': `Questions can be at most ${MAX_QUESTION_LENGTH} characters long.`,
  'only-stop-words': 'That question has no words to search for; name a person, place or event.',
  'bad-option': 'That option is not valid.',
};

/**
 * The words of a question worth searching: links, chat mentions (<@id>, <#id>, @everyone) carry
 * no topic, and their ids and host names would only dilute the question's weight.
 */
export function searchableText(question: string): string {
  return question.replace(/\bhttps?:\/\/\S+/gi, ' ').replace(/<(?:@[!&]?|#)\d+>/g, ' ').replace(/@(?:everyone|here)\b/gi, ' ');
}

/**
 * Passages that answer `question` well enough (see MIN_COVERAGE), best first, at most `limit`.
 * Also used to keep timeline events on a topic.
 */
export function matchPassages(index: PassageIndex, question: string, limit: number, filter: SearchFilter = {}): { terms: string[]; hits: SearchHit[] } {
  const terms = [...new Set(analyze(searchableText(question)))];
  if (terms.length === 0) return { terms, hits: [] };
  const weight = (list: string[]) => list.reduce((sum, term) => sum + index.idf(term), 0);
  const totalWeight = weight(terms);
  // Ask for more than `limit`: a high BM25 score can come from one rare word alone.
  const hits = index
    .search(terms, limit * 4, filter)
    .filter((hit) => weight(hit.matched) / totalWeight >= MIN_COVERAGE)
    .slice(0, limit);
  return { terms, hits };
}

export function ask(index: PassageIndex, question: string, options: AskOptions = {}): AskResult {
  const invalid = (reason: InvalidReason, message = INVALID_MESSAGES[reason]): AskResult => ({ status: 'invalid', question, reason, message, answers: [] });
  if (question.trim() === '') return invalid('empty');
  if (question.length > MAX_QUESTION_LENGTH) return invalid('too-long');
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return invalid('bad-option', `The limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  const { limit: _limit, ...filter } = options;

  const { terms, hits } = matchPassages(index, question, limit, filter);
  if (terms.length === 0) return invalid('only-stop-words');
  if (hits.length === 0) return { status: 'no-match', question, terms, answers: [] };

  const answers = hits.map(({ passage, score, matched }, i): Answer => {
    const { document, start, end } = passage;
    const wanted = new Set(matched);
    const highlights = analyzeWithOffsets(document.body.slice(start, end))
      .filter((t) => wanted.has(t.term))
      .map((t) => ({ start: start + t.start, end: start + t.end }));
    return {
      rank: i + 1,
      score,
      quote: document.body.slice(start, end),
      start,
      end,
      document: documentRef(document),
      matchedTerms: matched,
      highlights: dedupeSpans(highlights),
    };
  });
  return { status: 'answered', question, terms, answers };
}

/** A hyphenated word yields several terms over one span; highlight it once. */
function dedupeSpans(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
