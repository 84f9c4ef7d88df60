import { describe, expect, it } from 'vitest';
import bm25 from 'wink-bm25-text-search';
import { analyzeCorpus } from '../src/core/analyzeCorpus.js';
import { analyze } from '../src/core/analyzer.js';
import { buildIndex } from '../src/core/searchIndex.js';
import { FIELD_WEIGHTS, BM25_PARAMS } from '../src/core/segment.js';
import { brownTexts } from '../bench/sources.js';
import type { Document } from '../src/core/types.js';

describe('top-k search equals wink-bm25-text-search search() on real text', () => {
  // Sixty Brown Corpus texts (a few thousand passages): third-party prose, not our seeds.
  const documents: Document[] = brownTexts()
    .filter((_, i) => i % 8 === 0)
    .map((t) => ({ ...t, url: `https://bench.verbatim.invalid/${t.id}`, path: `${t.id}.md` }));
  const analyzed = analyzeCorpus(documents);
  const index = buildIndex(analyzed);
  const wink = bm25();
  wink.defineConfig({ fldWeights: { ...FIELD_WEIGHTS }, bm25Params: { ...BM25_PARAMS } });
  wink.definePrepTasks([(text: string) => (text === '' ? [] : text.split(' '))]);
  const documentIndex = new Map(documents.map((d, i) => [d, i]));
  for (const p of analyzed.passages) wink.addDoc({ title: analyzed.titleTerms[documentIndex.get(p.document)!]!, body: analyzed.bodyTerms[p.id]! }, p.id);
  wink.consolidate();

  it('gives the same top 10, in order, with the same scores, for 500 questions', () => {
    expect(analyzed.passages.length).toBeGreaterThan(2000);
    let state = 7;
    const next = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    for (let q = 0; q < 500; q++) {
      const p = analyzed.passages[Math.floor(next() * analyzed.passages.length)]!;
      const words = p.document.body.slice(p.start, p.end).match(/\p{L}{4,}/gu) ?? ['nothing'];
      const terms = [...new Set(analyze(Array.from({ length: 3 }, () => words[Math.floor(next() * words.length)]).join(' ')))];
      const expected = wink.search(terms.join(' '), 10);
      const actual = index.search(terms.map((term) => ({ term, weight: 1 })), 10);
      expect(actual.map((h) => String(h.passage.id)), terms.join(' ')).toEqual(expected.map(([id]) => String(id)));
      actual.forEach((h, k) => expect(h.score).toBe(expected[k]![1]));
    }
  });
});
