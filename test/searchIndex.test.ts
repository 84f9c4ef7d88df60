import { describe, expect, it } from 'vitest';
import bm25 from 'wink-bm25-text-search';
import { analyze } from '../src/core/analyzer.js';
import { buildIndex } from '../src/core/searchIndex.js';
import { FIELD_WEIGHTS, BM25_PARAMS } from '../src/core/segment.js';
import { seedVerbatim } from './helpers/seeds.js';
import { analyzeCorpus } from '../src/core/analyzeCorpus.js';

describe('top-k scorer over wink-bm25-text-search weights', () => {
  const { corpus } = seedVerbatim();
  const analyzed = analyzeCorpus(corpus.documents);
  const { passages } = analyzed;
  const index = buildIndex(analyzed);
  const wink = bm25();
  wink.defineConfig({ fldWeights: { ...FIELD_WEIGHTS }, bm25Params: { ...BM25_PARAMS } });
  wink.definePrepTasks([(text: string) => (text === '' ? [] : text.split(' '))]);
  for (const p of passages) wink.addDoc({ title: analyze(p.document.title).join(' '), body: analyze(p.document.body.slice(p.start, p.end)).join(' ') }, p.id);
  wink.consolidate();

  it("returns wink's own search() top 10, in order, with the same scores", () => {
    const vocabulary = [...new Set(passages.flatMap((p) => analyze(p.document.body.slice(p.start, p.end))))];
    let compared = 0;
    for (let i = 0; i + 2 < vocabulary.length; i += 2) {
      const terms = [vocabulary[i]!, vocabulary[(i * 7) % vocabulary.length]!, vocabulary[i + 2]!].filter((t, k, all) => all.indexOf(t) === k);
      const expected = wink.search(terms.join(' '), 10);
      const actual = index.search(terms.map((term) => ({ term, weight: 1 })), 10);
      expect(actual.map((h) => String(h.passage.id))).toEqual(expected.map(([id]) => id));
      actual.forEach((h, k) => expect(h.score).toBeCloseTo(expected[k]![1], 9));
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('counts the passages of a range that hold a term in their text or headline', () => {
    const holds = (id: number, term: string) => analyze(passages[id]!.document.body.slice(passages[id]!.start, passages[id]!.end)).includes(term) || analyze(passages[id]!.document.title).includes(term);
    const terms = [...new Set(passages.slice(0, 20).flatMap((p) => analyze(p.document.body.slice(p.start, p.end))))].slice(0, 60);
    let counted = 0;
    for (const [k, term] of terms.entries()) {
      const first = (k * 5) % passages.length;
      const last = Math.min(passages.length - 1, first + 3 + (k % 25));
      let expected = 0;
      for (let id = first; id <= last; id++) if (holds(id, term)) expected++;
      expect(index.passagesHolding(index.termId(term)!, first, last), term).toBe(expected);
      counted += expected;
    }
    expect(counted).toBeGreaterThan(20);
  });

  it('filters by outlet and date inside the search', () => {
    const terms = [{ term: 'palmyra', weight: 1 }];
    const all = index.search(terms, 100);
    const ara = index.search(terms, 100, { outlet: 'ARA News' });
    expect(ara.length).toBeGreaterThan(0);
    expect(ara.every((h) => h.passage.document.outlet === 'ARA News')).toBe(true);
    expect(ara.map((h) => h.passage.id)).toEqual(all.filter((h) => h.passage.document.outlet === 'ARA News').map((h) => h.passage.id));
  });

  it('finds near forms of a word and not look-alikes', () => {
    expect(index.nearForms('govern').map((f) => f.term)).toEqual(expect.arrayContaining(['governorate']));
    expect(index.nearForms('meet').map((f) => f.term)).toContain('meeting');
    expect(index.nearForms('assault').map((f) => f.term)).not.toContain('assad');
    expect(index.nearForms('300')).toEqual([]);
  });
});
