import { dateMentions } from './dates.js';

/** What kind of answer a question wants, when its wording says so. */
export type AnswerType = 'count' | 'time' | 'name';

/**
 * The question's wh-phrase, anywhere in it ("In what year was…", "…account for what percentage?"):
 * a count for "how many/much", "what percentage"; a time for "when", "what year/date/month/day/
 * century"; a name for "who", "whom", "whose", "where", "which person/city/country…".
 */
export function answerType(question: string): AnswerType | undefined {
  const q = question.toLowerCase();
  if (/\bhow (many|much|long|old|far|large|big|tall|high)\b|\bwhat (percent(age)?|proportion|number|amount|share)\b/.test(q)) return 'count';
  if (/\bwhen\b|\b(what|which) (year|date|day|month|decade|century|time|period)\b|\bsince when\b/.test(q)) return 'time';
  if (/\b(who|whom|whose|where)\b/.test(q)) return 'name';
  return undefined;
}

const NUMBER_WORDS = /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|quarter)\b/i;
/** Digits that are not a lone year: a year answers "when", not "how many". */
const COUNT = /(?:^|[^\p{L}\p{N}])(?!(?:1[5-9]|20)\d\d(?![\d,.%]))\d[\d,.]*(?:%| ?percent)?/u;
const YEAR_OR_DATE = /\b(1[0-9]{3}|20[0-9]{2})s?\b|\b(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|century|centuries|decade)\b/;
/** Words without which chrono-node finds no date (month and day names are in YEAR_OR_DATE): a cheap gate before the slow parse. */
const MAY_BE_RELATIVE_DATE = /\d|\b(ago|yesterday|today|tonight|tomorrow|last|next|this|past|earlier|later|week|weeks|month|months|year|years|weekend|morning|afternoon|evening|night|noon|midnight)\b/i;
/** A capitalised word that does not open the text: a name, in English. */
const CAPITALISED = /(?<=[\p{L}\p{N},;:)”’"'] +)\p{Lu}[\p{L}’'-]+/gu;

/**
 * Does this text hold the kind of answer asked for? For a name it must be a name the question
 * does not already say (the answer to "who founded X" is not X). Relative dates ("on Saturday",
 * "last year") count as times, resolved against the article's publication.
 */
export function holdsAnswerType(text: string, type: AnswerType, published: string, questionWords: ReadonlySet<string>): boolean {
  if (type === 'count') return COUNT.test(text) || NUMBER_WORDS.test(text);
  if (type === 'time') return YEAR_OR_DATE.test(text) || (MAY_BE_RELATIVE_DATE.test(text) && dateMentions(text, published).length > 0);
  for (const match of text.matchAll(CAPITALISED)) if (!questionWords.has(match[0].toLowerCase())) return true;
  return false;
}
