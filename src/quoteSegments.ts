import type { Span } from './core/types.js';

/** A run of a quote and whether it carries a question word: every face styles these its own way. */
export interface QuoteSegment {
  text: string;
  highlighted: boolean;
}

/** The quote cut into runs at its highlights (body offsets); joined, the runs are the quote. */
export function quoteSegments(quote: string, quoteStart: number, highlights: readonly Span[]): QuoteSegment[] {
  const segments: QuoteSegment[] = [];
  let at = 0;
  for (const h of highlights) {
    const from = h.start - quoteStart;
    const to = h.end - quoteStart;
    if (from < at || to > quote.length) continue;
    if (from > at) segments.push({ text: quote.slice(at, from), highlighted: false });
    segments.push({ text: quote.slice(from, to), highlighted: true });
    at = to;
  }
  if (at < quote.length) segments.push({ text: quote.slice(at), highlighted: false });
  return segments;
}
