// English only: the package root also loads every other locale (about 0.7 s at start-up).
import * as chrono from 'chrono-node/en';

type Precision = 'day' | 'month' | 'year';

/** A calendar date known only as precisely as the text says ("Mar 2016" is a month, not 1 March). */
export interface FuzzyDate {
  /** ISO 8601 at its precision: 2016-12-10, 2016-03 or 2015. */
  iso: string;
  precision: Precision;
}

export interface DateMention extends FuzzyDate {
  /** The words that gave the date, e.g. "late on Thursday" → "on Thursday". */
  text: string;
  /** Offset of `text` within the sentence. */
  index: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "10 Dec 2016", "Mar 2016", "2015": only as much as is known. */
export function formatFuzzyDate(date: FuzzyDate): string {
  const [y, m, d] = date.iso.split('-');
  if (date.precision === 'year') return y!;
  if (date.precision === 'month') return `${MONTHS[Number(m) - 1]} ${y}`;
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** Names of days and months and their abbreviations: English always writes them with a capital. */
const CALENDAR_WORDS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);

/** A day or month name written in lower case: another language's word ("mon" in French) or another English word ("the sun", "may"). */
const hasLowerCaseCalendarName = (text: string) => text.split(/[^\p{L}]+/u).some((word) => CALENDAR_WORDS.has(word));

/**
 * chrono-node reads some phrases as dates that are not: "now" ("for now", "from now on") is the
 * writer's present, not an event's date; "over the last year" is a span; "Russia Today" is a
 * broadcaster; a day or month name in lower case is a word of another language or another word.
 */
function statesADate(sentence: string, text: string, index: number): boolean {
  if (/^(right |for |from )?now\b/i.test(text)) return false;
  if (hasLowerCaseCalendarName(text)) return false;
  if (/^Today\b/.test(text) && index > 0) return false;
  const before = sentence.slice(Math.max(0, index - 12), index);
  if (/^(last|past) (year|month|week)s?$/i.test(text) && /\bthe\s+$/i.test(before)) return false;
  return true;
}

/**
 * Dates a news sentence states, resolved against the article's publication date the way a news
 * reader resolves them: a weekday is the latest such day on or before publication ("on Saturday"
 * in an article of Sunday 11 December 2016 is 10 December); a month without a year is the latest
 * such month on or before publication ("In March" → March 2016); "nine months ago", "last year"
 * and "May 2015" keep month or year precision. Mentions that resolve after publication
 * ("eight months after being kicked out") are relative to something else and are dropped.
 */
export function dateMentions(sentence: string, published: string): DateMention[] {
  const [py, pm, pd] = published.split('-').map(Number) as [number, number, number];
  const reference = new Date(Date.UTC(py, pm - 1, pd, 12));
  const mentions: DateMention[] = [];
  for (const result of chrono.parse(sentence, { instant: reference, timezone: 'UTC' }, { forwardDate: false })) {
    if (!statesADate(sentence, result.text, result.index)) continue;
    const c = result.start;
    let year = c.get('year')!;
    let month = c.get('month')!;
    let day = c.get('day')!;
    let precision: Precision;
    if (c.isCertain('day')) {
      precision = 'day';
      // chrono takes the nearest such day, which may be next year's; news means the latest one on or before publication.
      if (!c.isCertain('year')) year = month < pm || (month === pm && day <= pd) ? py : py - 1;
    } else if (c.isCertain('weekday')) {
      const weekday = c.get('weekday')!;
      const back = (reference.getUTCDay() - weekday + 7) % 7;
      const resolved = new Date(reference.getTime() - back * 86_400_000);
      [year, month, day] = [resolved.getUTCFullYear(), resolved.getUTCMonth() + 1, resolved.getUTCDate()];
      precision = 'day';
    } else if (c.isCertain('month')) {
      precision = 'month';
      if (!c.isCertain('year')) year = month <= pm ? py : py - 1;
    } else if (c.isCertain('year')) {
      precision = 'year';
    } else {
      continue;
    }
    const iso = precision === 'year' ? `${year}` : precision === 'month' ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
    if (iso > published.slice(0, iso.length)) continue;
    mentions.push({ iso, precision, text: result.text, index: result.index });
  }
  return mentions;
}
