import { afterEach, describe, expect, it } from 'vitest';
import { buildInMemory } from '../src/core/verbatim.js';
import { MAX_SENTENCE_CHARS, segment } from '../src/core/passages.js';
import { fitQuote } from '../src/discord/replies.js';
import { article, corpusFolder, validFields } from './helpers/corpusFixture.js';
import { quoteOf } from './helpers/discordPayload.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** 40,000 characters of words with no end punctuation: a transcript or scraped list. */
const unpunctuated = Array.from({ length: 6000 }, (_, i) => ['river', 'flood', 'gauge', 'levee', 'pump', 'valley'][i % 6] + (i % 7 === 0 ? ` station${i}` : '')).join(' ');

describe('text without end punctuation', () => {
  it('is cut into bounded sentences and passages that still cover every word', () => {
    const document = { id: 'a', title: 'T', outlet: 'O', url: 'https://e.com/a', published: '2020-01-01', path: 'a.md', body: unpunctuated };
    const passages = segment(document, 0);
    expect(passages.length).toBeGreaterThan(60);
    for (const p of passages) {
      expect(p.end - p.start).toBeLessThanOrEqual(600);
      for (const s of p.sentences) expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    }
    const words = passages.flatMap((p) => unpunctuated.slice(p.start, p.end).split(' '));
    expect(words).toEqual(unpunctuated.split(' '));
  });

  it('answers with bounded verbatim quotes', () => {
    const folder = corpusFolder({ 'long.md': article(validFields(1), unpunctuated), 'short.md': article(validFields(2)) });
    cleanups.push(folder.remove);
    const verbatim = buildInMemory(folder.dir);
    const { answers } = verbatim.ask('station4200 levee pump');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers[0]!.quote).toContain('station4200');
    for (const a of answers) {
      expect(a.quote.length).toBeLessThanOrEqual(600);
      expect(a.quote).toBe(verbatim.corpus.documents.find((d) => d.id === a.document.id)!.body.slice(a.start, a.end));
    }
  });

  it('fits a very long quote into a Discord budget as a verbatim prefix', () => {
    const fitted = fitQuote({ quote: unpunctuated, start: 0, highlights: [{ start: 6, end: 11 }] }, 1000);
    expect(fitted.length).toBeLessThanOrEqual(1000);
    expect(unpunctuated.startsWith(quoteOf(fitted).replace(/…$/, ''))).toBe(true);
  });
});
