import { describe, expect, it } from 'vitest';
import { analyze, analyzeQuestion, analyzeWithOffsets } from '../src/core/analyzer.js';

describe('analyze', () => {
  it('meets word forms of one verb, irregular and hyphenated ones too', () => {
    expect(new Set(['retook', 'retakes', 'retake', 'retaking'].map((w) => analyze(w)[0])).size).toBe(1);
    expect(new Set(['recaptured', 'recapture', 'Re-Captures'].map((w) => analyze(w)[0])).size).toBe(1);
  });

  it('folds case, curly apostrophes and possessives', () => {
    expect(analyze('Russia’s')).toEqual(analyze("russia's"));
    expect(analyze('PALMYRA')).toEqual(analyze('palmyra'));
    expect(analyze('Homs’ countryside')).toEqual(analyze("Homs' countryside"));
  });

  it('indexes hyphenated words whole and by their parts', () => {
    expect(analyze('Russian-backed')).toEqual(expect.arrayContaining([...analyze('Russian'), ...analyze('backed')]));
    expect(analyze('co-ordination')).toContain(analyze('coordination')[0]);
  });

  it('keeps numbers whole and drops their separators', () => {
    expect(analyze('4,000 fighters')).toContain('4000');
    expect(analyze('2,000-year-old')).toContain('2000');
  });

  it('drops question frames and function words but keeps months and numbers', () => {
    expect(analyze('who is it that was there')).toEqual([]);
    expect(analyze('May 2015 nine months')).toEqual(['may', '2015', 'nine', 'month']);
  });

  it('keeps acronyms whole in ordinary text, and reads shouted text as words', () => {
    expect(analyze('ISIS')).toEqual(['isis']);
    expect(analyze('the IS militants and the US army')).toEqual(['is', 'militant', 'us', 'army']);
    expect(analyze('it is')).toEqual([]);
    expect(analyze('IS THIS SAFE')).toEqual(['safe']);
    expect(analyze('WHO RETOOK THE CITY')).toEqual(analyze('who retook the city'));
  });

  it('reads a capitalised question word as the acronym only when the corpus has it', () => {
    const known = new Set(['nato', 'retake', 'city']);
    expect(analyzeQuestion('who RETOOK the city', (t) => known.has(t))).toEqual(['retake', 'city']);
    expect(analyzeQuestion('what did NATO say', (t) => known.has(t))).toEqual(['nato', 'say']);
  });

  it('gives offsets that point at the word in the text', () => {
    const text = 'This Sunday, ISIS re-captured Palmyra’s citadel.';
    for (const term of analyzeWithOffsets(text)) {
      const word = text.slice(term.start, term.end);
      expect(word).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}\-’]*$/u);
    }
    expect(analyzeWithOffsets(text).map((t) => text.slice(t.start, t.end))).toContain('re-captured');
  });
});
