// /ask's ranking from question to the paragraphs to quote, through the other rooms of src/core/ranking/.
import type { PassageIndex, SearchFilter } from '../searchIndex.js';
import type { Passage, Span } from '../types.js';
import { answerQuotes } from './abstain.js';
import { questionMatcher, type Matcher } from './question.js';

/** A paragraph judged against a question: its passages, best window and score. */
export interface RankedHit {
  /** The passage holding the window (its first sentence). */
  passage: Passage;
  /** Every passage of the paragraph, in order. */
  passages: Passage[];
  /** The best run of whole sentences to quote. */
  window: Span;
  score: number;
  /** Per question term: 1 in the paragraph, less as a near form or in the headline only, 0 absent. */
  found: number[];
  /** The terms of the window's sentences (for comparing reports across outlets), worked out when first asked for. */
  windowTerms: () => ReadonlySet<number>;
}

/**
 * Paragraphs that answer the question, best first, at most `limit`, each with the window to
 * quote (see answerQuotes, scoreOf).
 */
export function rankParagraphs(index: PassageIndex, question: string, limit: number, filter: SearchFilter = {}): { matcher: Matcher; hits: RankedHit[] } {
  let matcher = questionMatcher(index, question);
  if (matcher.terms.length === 0 || limit <= 0) return { matcher, hits: [] };
  let ranked = answerQuotes(index, matcher, limit, filter);
  if (ranked.length === 0) {
    // Refused: perhaps for one stray word ("who retook the city code"); read without it, the
    // question is answered only where one paragraph holds all its other words.
    const withoutStray = questionMatcher(index, question, true);
    if (withoutStray.strayLetGo) {
      const second = answerQuotes(index, withoutStray, limit, filter);
      if (second.length > 0) [matcher, ranked] = [withoutStray, second];
    }
  }
  ranked.sort((a, b) => b.score - a.score || a.window.passage.id - b.window.passage.id);
  const hits = ranked.slice(0, limit).map((c): RankedHit => {
    const { window } = c.window;
    let terms: Set<number> | undefined;
    const windowTerms = () =>
      (terms ??= new Set(c.sentences.filter((s) => s.sentence.start >= window.start && s.sentence.end <= window.end).flatMap((s) => [...s.ids])));
    return { passage: c.window.passage, passages: c.judged.passages, window, found: c.judged.found, score: c.score, windowTerms };
  });
  return { matcher, hits };
}
