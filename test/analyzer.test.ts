import { describe, expect, it } from 'vitest';
import { analyze, analyzeWithOffsets } from '../src/core/analyzer.js';

describe('analyze', () => {
  it('meets word forms of one verb: retook, retakes, retake, recaptured, re-captured', () => {
    const terms = ['retook', 'retakes', 'retake', 'recaptured', 'Re-Captures'].map((w) => analyze(w)[0]);
    expect(new Set(terms).size).toBe(1);
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

  it('does not stem acronyms and reads "IS" as the group', () => {
    expect(analyze('ISIS')).toEqual(['isis']);
    expect(analyze('IS militants')[0]).toBe(analyze('ISIS')[0]);
    expect(analyze('it is')).toEqual([]);
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
