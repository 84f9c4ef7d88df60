import { analyzeWithOffsets } from './analyzer.js';
import { figureDisagreements, type FigureDisagreement } from './figures.js';
import { rankParagraphs } from './ranking/rank.js';
import type { PassageIndex, SearchFilter } from './searchIndex.js';
import { sameReport } from './similarity.js';
import { documentRef, type Span, type VerbatimQuote } from './types.js';
import { REFUSALS } from './refusals.js';

export const MAX_QUESTION_LENGTH = 300;
export const DEFAULT_LIMIT = 3;
export const MAX_LIMIT = 10;

export interface AskOptions extends SearchFilter {
  limit?: number;
}

export interface Answer extends VerbatimQuote {
  rank: number;
  score: number;
  /** Question terms the passage (or its title) contains. */
  matchedTerms: string[];
  /** Words of the quote that carry a matched term, as offsets into the body. */
  highlights: Span[];
  /** The same report in other outlets (corroboration), each verbatim. */
  alsoReportedBy: VerbatimQuote[];
}

export type AskResult =
  | { status: 'answered'; question: string; terms: string[]; answers: Answer[]; differences: FigureDisagreement[] }
  | { status: 'no-match'; question: string; terms: string[]; answers: [] }
  | { status: 'invalid'; question: string; reason: InvalidReason; message: string; answers: [] };

type InvalidReason = 'empty' | 'too-long' | 'only-stop-words' | 'bad-option';

/** Fixed wording for refused questions: the only non-quoted text an answer may carry. */
const INVALID_MESSAGES: Record<InvalidReason, string> = {
  empty: REFUSALS.emptyQuestion,
  'too-long': REFUSALS.questionTooLong(MAX_QUESTION_LENGTH),
  'only-stop-words': REFUSALS.onlyStopWords,
  'bad-option': REFUSALS.badOption,
};

export function ask(index: PassageIndex, question: string, options: AskOptions = {}): AskResult {
  const invalid = (reason: InvalidReason, message = INVALID_MESSAGES[reason]): AskResult => ({ status: 'invalid', question, reason, message, answers: [] });
  if (question.trim() === '') return invalid('empty');
  if (question.length > MAX_QUESTION_LENGTH) return invalid('too-long');
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return invalid('bad-option', REFUSALS.limitRange(MAX_LIMIT));
  const { limit: _limit, ...filter } = options;

  // Room for answers merged as corroboration.
  const { matcher, hits } = rankParagraphs(index, question, limit * 4, filter);
  const terms = matcher.terms.map((t) => t.term);
  if (terms.length === 0) return invalid('only-stop-words');
  if (hits.length === 0) return { status: 'no-match', question, terms, answers: [] };

  const chosen: { answer: Omit<Answer, 'rank'>; words: () => ReadonlySet<number> }[] = [];
  // Sentences of every quote shown, as their own sources: figures are compared sentence by sentence
  // (only for "how many" questions).
  const sentences: VerbatimQuote[] = [];
  const comparesFigures = matcher.type === 'count';
  for (const hit of hits) {
    const { document } = hit.passage;
    const { start, end } = hit.window;
    const keepSentences = () => {
      if (!comparesFigures) return;
      for (const p of hit.passages)
        for (const s of p.sentences) if (s.start >= start && s.end <= end) sentences.push({ quote: document.body.slice(s.start, s.end), start: s.start, end: s.end, document: documentRef(document) });
    };
    const same = chosen.find(
      (c) => c.answer.document.outlet !== document.outlet && c.answer.alsoReportedBy.every((q) => q.document.outlet !== document.outlet) && sameReport(c.words(), hit.windowTerms()),
    );
    if (same) {
      same.answer.alsoReportedBy.push({ quote: document.body.slice(start, end), start, end, document: documentRef(document) });
      keepSentences();
      continue;
    }
    if (chosen.length === limit) continue;
    keepSentences();
    const quote = document.body.slice(start, end);
    const matchedTerms = matcher.terms.filter((_, i) => hit.found[i]! > 0).map((t) => t.term);
    const wanted = new Set(matcher.terms.flatMap((t, i) => (hit.found[i]! > 0 ? [t.term, ...t.nearForms.map((f) => f.term)] : [])));
    // Offsets of words are only needed for the quotes shown: their highlights.
    const highlights = analyzeWithOffsets(quote)
      .filter((t) => wanted.has(t.term))
      .map((t) => ({ start: start + t.start, end: start + t.end }));
    chosen.push({
      answer: { score: hit.score, quote, start, end, document: documentRef(document), matchedTerms, highlights: dedupeSpans(highlights), alsoReportedBy: [] },
      words: hit.windowTerms,
    });
  }
  const list = chosen.map(({ answer }, i): Answer => ({ rank: i + 1, ...answer }));
  const differences = comparesFigures ? figureDisagreements(sentences) : [];
  return { status: 'answered', question, terms, answers: list, differences };
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
