import { isCalendarDate } from './corpus.js';

/**
 * A user's from/to date: YYYY-MM-DD, or a month (YYYY-MM) or year (YYYY) taken as its first day
 * for `from` and its last day for `to`. Undefined when the text is not such a date.
 */
export function dateBound(text: string, side: 'from' | 'to'): string | undefined {
  const value = text.trim();
  if (isCalendarDate(value)) return value;
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
    return `${value}-${side === 'from' ? '01' : String(last).padStart(2, '0')}`;
  }
  if (/^\d{4}$/.test(value)) return `${value}-${side === 'from' ? '01-01' : '12-31'}`;
  return undefined;
}
