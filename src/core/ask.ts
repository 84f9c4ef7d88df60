import { analyze, analyzeQuestion, analyzeWithOffsets } from './analyzer.js';
import { answerType, answerTypeCache, holdsAnswerType, type AnswerType } from './answerTypes.js';
import { figureDisagreements, type FigureDisagreement } from './figures.js';
import type { NearForm, PassageIndex, SearchFilter, SearchHit, WeightedTerm } from './searchIndex.js';
import { sameReport } from './similarity.js';
import { documentRef, type DocumentRef, type Passage, type Span } from './types.js';

export const MAX_QUESTION_LENGTH = 300;
export const DEFAULT_LIMIT = 3;
export const MAX_LIMIT = 10;

/**
 * When a passage answers: it holds at least half of the question's weight (the IDF of its
 * content words; a word the corpus never uses weighs the most), or at least a third of it with
 * three of the question's words. BM25 scores are not comparable across questions; these shares
 * are. A near form ("governor" for "govern") counts half.
 */
export const MIN_COVERAGE = 0.5;
export const MIN_COVERAGE_WITH_THREE_WORDS = 0.34;
/** A near form counts at most this much of the question's own word, in ranking and coverage. */
export const NEAR_FORM_WEIGHT = 0.5;
/** A word found only in the article's headline, not in the passage, counts this much. */
export const TITLE_ONLY_WEIGHT = 0.25;
/** Score factor for a passage holding what the question asks for: a count ("how many"), a date ("when"). */
export const ANSWER_TYPE_BOOST = 1.5;
/** A passage longer than this is quoted by its best run of sentences. */
export const SNIPPET_MAX_CHARS = 450;

export interface AskOptions extends SearchFilter {
  limit?: number;
}

export interface Quote {
  /** Verbatim: always `body.slice(start, end)` of the document. */
  quote: string;
  start: number;
  end: number;
  document: DocumentRef;
}

export interface Answer extends Quote {
  rank: number;
  score: number;
  /** Question terms the passage (or its title) contains. */
  matchedTerms: string[];
  /** Words of the quote that carry a matched term, as offsets into the body. */
  highlights: Span[];
  /** The same report in other outlets (corroboration), each verbatim. */
  alsoReportedBy: Quote[];
}

export type AskResult =
  | { status: 'answered'; question: string; terms: string[]; answers: Answer[]; differences: FigureDisagreement[] }
  | { status: 'no-match'; question: string; terms: string[]; answers: [] }
  | { status: 'invalid'; question: string; reason: InvalidReason; message: string; answers: [] };

export type InvalidReason = 'empty' | 'too-long' | 'only-stop-words' | 'bad-option';

/** Fixed wording for refused questions: the only non-quoted text an answer may carry. */
export const INVALID_MESSAGES: Record<InvalidReason, string> = {
  empty: 'Ask a question about the articles; /sources lists what they cover.',
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

interface QuestionTerm {
  term: string;
  idf: number;
  nearForms: NearForm[];
}

/** A passage judged against the question. */
interface Candidate extends SearchHit {
  /** Per question term: 1 in the passage, less as a near form or in the headline only, 0 absent. */
  found: number[];
}

export interface Matcher {
  terms: QuestionTerm[];
  /** Weighted query for the index: the words, then their near forms. */
  query: WeightedTerm[];
  type: AnswerType | undefined;
  /** The question's whole weight: the sum of its words' IDF. */
  weight: number;
}

export function questionMatcher(index: PassageIndex, question: string): Matcher {
  const words = [...new Set(analyzeQuestion(searchableText(question), index.knows))];
  const own = new Set(words);
  const terms = words.map((term) => ({ term, idf: index.idf(term), nearForms: index.nearForms(term).filter((f) => !own.has(f.term)) }));
  const query: WeightedTerm[] = words.map((term) => ({ term, weight: 1 }));
  const seen = new Set(own);
  for (const t of terms) {
    for (const form of t.nearForms) {
      if (seen.has(form.term)) continue;
      seen.add(form.term);
      // The index weighs a term by its own rarity; a near form must not outweigh the word asked,
      // and a closer form ("governor" for "govern") counts more than a farther ("governorate").
      query.push({ term: form.term, weight: NEAR_FORM_WEIGHT * form.closeness * Math.min(1, t.idf / index.idf(form.term)) });
    }
  }
  return { terms, query, type: answerType(question), weight: terms.reduce((sum, t) => sum + t.idf, 0) };
}

/** How much a question word counts where it is found. */
const CREDIT = { body: 1, title: TITLE_ONLY_WEIGHT, none: 0 } as const;

function judge(index: PassageIndex, matcher: Matcher, hit: SearchHit): Candidate {
  const id = hit.passage.id;
  const credit = (term: string) => CREDIT[index.occurrence(id, term) ?? 'none'];
  const found = matcher.terms.map((t) => Math.max(credit(t.term), ...t.nearForms.map((f) => credit(f.term) * NEAR_FORM_WEIGHT)));
  return { ...hit, found };
}

function answers(matcher: Matcher, candidate: Candidate): boolean {
  const covered = matcher.terms.reduce((sum, t, i) => sum + t.idf * candidate.found[i]!, 0) / matcher.weight;
  const whole = candidate.found.filter((f) => f === 1).length;
  return covered >= MIN_COVERAGE || (covered >= MIN_COVERAGE_WITH_THREE_WORDS && whole >= 3);
}

const typeCaches = new WeakMap<PassageIndex, ReturnType<typeof answerTypeCache>>();

/**
 * Passages that answer the question (see MIN_COVERAGE), best first, at most `limit`; a passage
 * holding the kind of answer asked for (a count, a date) ranks higher. Also used to keep
 * timeline events on a topic.
 */
export function matchPassages(index: PassageIndex, question: string, limit: number, filter: SearchFilter = {}): { matcher: Matcher; hits: Candidate[] } {
  const matcher = questionMatcher(index, question);
  if (matcher.terms.length === 0) return { matcher, hits: [] };
  // Ask for more than `limit`: a high BM25 score can come from one rare word alone.
  const hits = index
    .search(matcher.query, Math.max(limit * 4, 40), filter)
    .map((hit) => judge(index, matcher, hit))
    .filter((candidate) => answers(matcher, candidate));
  const { type } = matcher;
  if (type) {
    let holds = typeCaches.get(index);
    if (!holds) typeCaches.set(index, (holds = answerTypeCache()));
    for (const hit of hits) if (holds(hit.passage, type)) hit.score *= ANSWER_TYPE_BOOST;
    hits.sort((a, b) => b.score - a.score || a.passage.id - b.passage.id);
  }
  return { matcher, hits: hits.slice(0, limit) };
}

/**
 * The passage's best run of whole sentences: the one holding the most question weight (and, for
 * a "how many" or "when" question, the count or date); on ties the longer run, for context (the
 * sentence after a name often says what that person did). Short passages are quoted whole.
 */
function bestWindow(matcher: Matcher, passage: Passage): Span {
  if (passage.end - passage.start <= SNIPPET_MAX_CHARS || passage.sentences.length === 1) return passage;
  const { body, published } = passage.document;
  let best: Span = passage;
  let bestValue = -1;
  for (let i = 0; i < passage.sentences.length; i++) {
    for (let j = i; j < passage.sentences.length; j++) {
      const start = passage.sentences[i]!.start;
      const end = passage.sentences[j]!.end;
      if (j > i && end - start > SNIPPET_MAX_CHARS) break;
      const text = body.slice(start, end);
      const present = new Set(analyze(text));
      let value = 0;
      for (const t of matcher.terms) value += present.has(t.term) ? t.idf : t.nearForms.some((f) => present.has(f.term)) ? t.idf * NEAR_FORM_WEIGHT : 0;
      if (matcher.type && holdsAnswerType(text, matcher.type, published)) value *= ANSWER_TYPE_BOOST;
      if (value > bestValue + 1e-9 || (Math.abs(value - bestValue) <= 1e-9 && end - start > best.end - best.start)) {
        best = { start, end };
        bestValue = value;
      }
    }
  }
  return best;
}

export function ask(index: PassageIndex, question: string, options: AskOptions = {}): AskResult {
  const invalid = (reason: InvalidReason, message = INVALID_MESSAGES[reason]): AskResult => ({ status: 'invalid', question, reason, message, answers: [] });
  if (question.trim() === '') return invalid('empty');
  if (question.length > MAX_QUESTION_LENGTH) return invalid('too-long');
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return invalid('bad-option', `The limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  const { limit: _limit, ...filter } = options;

  // Room for answers dropped as same-paragraph repeats or merged as corroboration.
  const { matcher, hits } = matchPassages(index, question, limit * 4, filter);
  const terms = matcher.terms.map((t) => t.term);
  if (terms.length === 0) return invalid('only-stop-words');
  if (hits.length === 0) return { status: 'no-match', question, terms, answers: [] };

  const paragraphs = new Set<string>();
  const chosen: { answer: Omit<Answer, 'rank'>; words: Set<string> }[] = [];
  // Sentences of every quote shown, as their own sources: figures are compared sentence by sentence.
  const sentences: Quote[] = [];
  for (const hit of hits) {
    const { passage } = hit;
    const { document } = passage;
    const paragraphKey = `${document.id}:${passage.paragraph}`;
    if (paragraphs.has(paragraphKey)) continue;
    paragraphs.add(paragraphKey);
    const { start, end } = bestWindow(matcher, passage);
    const quote = document.body.slice(start, end);
    const tokens = analyzeWithOffsets(quote);
    const words = new Set(tokens.map((t) => t.term));
    const quoteSentences = passage.sentences
      .filter((s) => s.start >= start && s.end <= end)
      .map((s) => ({ quote: document.body.slice(s.start, s.end), start: s.start, end: s.end, document: documentRef(document) }));
    const same = chosen.find((c) => c.answer.document.outlet !== document.outlet && c.answer.alsoReportedBy.every((q) => q.document.outlet !== document.outlet) && sameReport(c.words, words));
    if (same) {
      same.answer.alsoReportedBy.push({ quote, start, end, document: documentRef(document) });
      sentences.push(...quoteSentences);
      continue;
    }
    if (chosen.length === limit) continue;
    sentences.push(...quoteSentences);
    const matchedTerms = matcher.terms.filter((_, i) => hit.found[i]! > 0).map((t) => t.term);
    const wanted = new Set(matcher.terms.flatMap((t, i) => (hit.found[i]! > 0 ? [t.term, ...t.nearForms.map((f) => f.term)] : [])));
    const highlights = tokens
      .filter((t) => wanted.has(t.term))
      .map((t) => ({ start: start + t.start, end: start + t.end }));
    chosen.push({
      answer: { score: hit.score, quote, start, end, document: documentRef(document), matchedTerms, highlights: dedupeSpans(highlights), alsoReportedBy: [] },
      words,
    });
  }
  const list = chosen.map(({ answer }, i): Answer => ({ rank: i + 1, ...answer }));
  const differences = matcher.type === 'count' ? figureDisagreements(sentences) : [];
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
