import { dateMentions, type FuzzyDate } from './dates.js';
import { documentRef, type DocumentRef, type Passage } from './types.js';

export interface TimelineQuote {
  quote: string;
  start: number;
  end: number;
  document: DocumentRef;
}

export interface TimelineEvent extends FuzzyDate {
  quotes: TimelineQuote[];
}

export interface Timeline {
  events: TimelineEvent[];
  /** Sentences with no date that could be resolved: left out, never guessed. */
  undated: number;
}

/**
 * A chronology of the corpus: every sentence that states a resolvable date, as a verbatim quote,
 * ordered by that date (then by corpus order).
 */
export function buildTimeline(passages: readonly Passage[]): Timeline {
  const events: (TimelineEvent & { order: number })[] = [];
  let undated = 0;
  let order = 0;
  for (const passage of passages) {
    const { document } = passage;
    for (const sentence of passage.sentences) {
      const quote = document.body.slice(sentence.start, sentence.end);
      const [first] = dateMentions(quote, document.published);
      if (!first) {
        undated++;
        continue;
      }
      events.push({ iso: first.iso, precision: first.precision, order: order++, quotes: [{ quote, start: sentence.start, end: sentence.end, document: documentRef(document) }] });
    }
  }
  events.sort((a, b) => a.iso.localeCompare(b.iso) || a.order - b.order);
  return { events: events.map(({ order: _order, ...event }) => event), undated };
}
