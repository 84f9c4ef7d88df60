import { dateMentions } from './dates.js';
import type { Passage } from './types.js';

/** What kind of answer a question wants, when its wording says so. */
export type AnswerType = 'count' | 'time';

export function answerType(question: string): AnswerType | undefined {
  if (/\bhow (many|much)\b/i.test(question)) return 'count';
  if (/^\s*(when|what (day|date|year|month|time))\b/i.test(question) || /\bsince when\b/i.test(question)) return 'time';
  return undefined;
}

/**
 * A number that counts something: digits that are not a lone year, or a word for many. Small
 * number words ("the two men") name a group more often than they answer "how many".
 */
const COUNT = /\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b|\b(dozens|hundreds|thousands|millions)\b/i;

/** Does this text hold the kind of answer? Dates are resolved against the article's publication. */
export function holdsAnswerType(text: string, type: AnswerType, published: string): boolean {
  return type === 'count' ? COUNT.test(text) : dateMentions(text, published).length > 0;
}

/** Per-passage memo: resolving dates is the slow part, and only candidates are ever asked. */
export function answerTypeCache(): (passage: Passage, type: AnswerType) => boolean {
  const cache = new Map<string, boolean>();
  return (passage, type) => {
    const key = `${type}:${passage.id}`;
    let holds = cache.get(key);
    if (holds === undefined) {
      holds = holdsAnswerType(passage.document.body.slice(passage.start, passage.end), type, passage.document.published);
      cache.set(key, holds);
    }
    return holds;
  };
}
