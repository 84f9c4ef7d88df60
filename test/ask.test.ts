import { describe, expect, it } from 'vitest';
import { seedVerbatim } from './helpers/seeds.js';
import { MAX_QUESTION_LENGTH } from '../src/core/ask.js';
import { analyze } from '../src/core/analyzer.js';

/** Questions written from the seeds, as readers phrase them, with words the right quote contains. */
const RANKING: [question: string, expected: RegExp][] = [
  // Two outlets' December recapture, or the government's of March: all answer it.
  ['who retook Palmyra', /re-captured Palmyra|recaptured the ancient city of Palmyra|government retook the city/],
  ['what jet was downed', /MiG-23/],
  ['when did ISIS first take over Palmyra', /May 2015/],
  ['how many airstrikes did Russia launch', /64 airstrikes/],
  ['which temple was destroyed in August 2015', /Temple of Baalshamin/],
  ['which archaeologist was killed', /Khaled al-Assad/],
  ['how many fighters did the government mobilize for Aleppo', /40,000 fighters/],
  ['how many families remain in the city', /120 families/],
  ['who is the governor of Homs province', /Talal Barazi/],
  ['when did the assault on Palmyra begin', /late on Thursday/],
  ['how many soldiers were killed', /19 regime soldiers|50 Syrian troops|Dozens of soldiers/],
  ['what does Russia blame the coalition for', /blames the US-led coalition/],
  ['how many IS fighters were deployed to Palmyra', /4,000 IS fighters|more than 300 members/],
  ['what did the UN call the destruction of the temple', /war crime/],
];

describe('ask on the seed corpus', () => {
  const verbatim = seedVerbatim();

  it.each(RANKING)('%s → rank 1 quotes %s', (question, expected) => {
    const result = verbatim.ask(question);
    expect(result.status).toBe('answered');
    expect(result.answers[0]!.quote).toMatch(expected);
  });

  it('quotes every answer verbatim: quote === body.slice(start, end), trimmed to whole sentences', () => {
    const bodies = new Map(verbatim.corpus.documents.map((d) => [d.id, d.body]));
    // Many questions: every pair of neighbouring content words of every passage.
    const questions = verbatim.passages.flatMap((p) => {
      const words = p.document.body.slice(p.start, p.end).match(/[\p{L}’'-]{4,}/gu) ?? [];
      return words.slice(0, -1).map((w, i) => `${w} ${words[i + 1]}`);
    });
    expect(questions.length).toBeGreaterThan(1000);
    let answers = 0;
    for (const question of questions) {
      for (const a of verbatim.ask(question, { limit: 5 }).answers) {
        answers++;
        const body = bodies.get(a.document.id)!;
        expect(a.quote).toBe(body.slice(a.start, a.end));
        expect(a.quote).toBe(a.quote.trim());
        expect(a.quote).toMatch(/^[\p{Lu}\p{N}“"‘'(…–-]/u);
        for (const h of a.highlights) expect(h.start >= a.start && h.end <= a.end).toBe(true);
        // A quote holds something of the question itself, not only its article's headline (no bylines).
        expect(a.highlights.length, `${question} → ${a.quote}`).toBeGreaterThan(0);
      }
    }
    expect(answers).toBeGreaterThan(questions.length);
  });

  it('ranks answers by score, best first, and reports the matched terms', () => {
    const { answers } = verbatim.ask('Russian airstrikes on Palmyra', { limit: 10 });
    expect(answers.length).toBeGreaterThan(3);
    answers.forEach((a, i) => {
      expect(a.rank).toBe(i + 1);
      if (i > 0) expect(a.score).toBeLessThanOrEqual(answers[i - 1]!.score);
      expect(a.matchedTerms.length).toBeGreaterThan(0);
    });
  });

  it('highlights the words that carry a question term, synonyms included', () => {
    const { answers } = verbatim.ask('who recaptured Palmyra');
    const words = answers.flatMap((a) => a.highlights.map((h) => verbatim.corpus.documents.find((d) => d.id === a.document.id)!.body.slice(h.start, h.end)));
    expect(words).toEqual(expect.arrayContaining(['Palmyra']));
    expect(words.some((w) => /re-?captured/i.test(w))).toBe(true);
  });

  it('finds a WordNet synonym of a question word ("retake" → "recapture")', () => {
    expect(verbatim.index.nearForms('retake').some((f) => f.term === 'recapture' && f.kind === 'synonym')).toBe(true);
    expect(verbatim.ask('who retook Palmyra', { limit: 3 }).answers.some((a) => /re-?captured/.test(a.quote))).toBe(true);
  });

  it('answers in any casing, and reads a misspelt word as the corpus word', () => {
    const lower = verbatim.ask('who is the governor of homs province').answers[0]!.quote;
    expect(verbatim.ask('WHO IS THE GOVERNOR OF HOMS PROVINCE').answers[0]!.quote).toBe(lower);
    expect(verbatim.ask('who is the GOVERNOR of homs PROVINCE').answers[0]!.quote).toBe(lower);
    expect(verbatim.ask('who is the governer of homs province').answers[0]!.quote).toBe(lower);
  });

  it('says "no match" instead of quoting filler for off-topic questions', () => {
    for (const question of ['what is the capital of France', 'who won the world cup in 2018', 'how do I bake sourdough bread', 'best pizza in Naples']) {
      const result = verbatim.ask(question);
      expect(result.status, question).toBe('no-match');
      expect(result.answers).toEqual([]);
    }
  });

  it('refuses empty, stop-word-only and over-long questions with a message', () => {
    expect(verbatim.ask('   ')).toMatchObject({ status: 'invalid', reason: 'empty' });
    expect(verbatim.ask('who was it that they were')).toMatchObject({ status: 'invalid', reason: 'only-stop-words' });
    expect(verbatim.ask('Palmyra '.repeat(40))).toMatchObject({ status: 'invalid', reason: 'too-long' });
    expect('Palmyra '.repeat(40).length).toBeGreaterThan(MAX_QUESTION_LENGTH);
  });

  it('filters by outlet inside the search, case-insensitively, and refuses an unknown outlet', () => {
    const result = verbatim.ask('who retook Palmyra', { outlet: 'ara news', limit: 10 });
    expect(result.answers.length).toBeGreaterThan(0);
    expect(new Set(result.answers.map((a) => a.document.outlet))).toEqual(new Set(['ARA News']));
    expect(verbatim.ask('Palmyra', { outlet: 'Nowhere Times' })).toMatchObject({ status: 'invalid', reason: 'bad-option' });
  });

  it('filters by publication date', () => {
    const result = verbatim.ask('Palmyra', { from: '2016-12-12', limit: 10 });
    expect(result.answers.length).toBeGreaterThan(0);
    for (const a of result.answers) expect(a.document.published >= '2016-12-12').toBe(true);
  });

  it('honours the limit and refuses one out of range', () => {
    expect(verbatim.ask('Palmyra', { limit: 1 }).answers).toHaveLength(1);
    expect(verbatim.ask('Palmyra', { limit: 0 })).toMatchObject({ status: 'invalid', reason: 'bad-option' });
  });

  it('lists sources: outlets with their documents and passage counts', () => {
    const outlets = verbatim.sources();
    expect(outlets.map((o) => o.outlet)).toEqual([...outlets.map((o) => o.outlet)].sort((a, b) => a.localeCompare(b)));
    const documents = outlets.flatMap((o) => o.documents);
    expect(documents).toHaveLength(verbatim.corpus.documents.length);
    expect(documents.reduce((n, d) => n + d.passages, 0)).toBe(verbatim.passages.length);
    for (const d of documents) expect(d).not.toHaveProperty('body');
  });

  it('keeps passages inside one paragraph and made of whole sentences', () => {
    for (const p of verbatim.passages) {
      const text = p.document.body.slice(p.start, p.end);
      expect(text).not.toMatch(/\n\s*\n/);
      expect(p.sentences[0]!.start).toBe(p.start);
      expect(p.sentences.at(-1)!.end).toBe(p.end);
      expect(analyze(text).length).toBeGreaterThan(0);
    }
  });
});
