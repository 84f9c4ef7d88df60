import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import bm25 from 'wink-bm25-text-search';
import { analyzeCorpus } from '../src/core/analyzeCorpus.js';
import { analyze } from '../src/core/analyzer.js';
import { LiveIndex } from '../src/core/liveIndex.js';
import { FIELD_WEIGHTS, BM25_PARAMS } from '../src/core/segment.js';
import { brownTexts } from '../bench/sources.js';
import type { Document, Passage } from '../src/core/types.js';

// Brown Corpus texts cut to their first paragraphs: third-party prose, a few hundred passages in all.
const pool: Document[] = brownTexts()
  .filter((_, i) => i % 25 === 0)
  .map((t) => ({ ...t, body: t.body.split('\n\n').slice(0, 4).join('\n\n') + '\n', url: `https://bench.verbatim.invalid/${t.id}`, path: `${t.id}.md` }));

/** wink-bm25-text-search over exactly these passages, ids as the live index gives them. */
function winkOver(passages: readonly Passage[]) {
  const wink = bm25();
  wink.defineConfig({ fldWeights: { ...FIELD_WEIGHTS }, bm25Params: { ...BM25_PARAMS } });
  wink.definePrepTasks([(text: string) => (text === '' ? [] : text.split(' '))]);
  for (const p of passages) {
    const body = p.sentences.map((s) => analyze(p.document.body.slice(s.start, s.end)).join(' ')).filter((t) => t !== '').join(' ');
    wink.addDoc({ title: analyze(p.document.title).join(' '), body }, p.id);
  }
  for (let pad = passages.length; pad < 3; pad++) wink.addDoc({ title: '', body: '' }, `pad-${pad}`);
  wink.consolidate();
  return wink;
}

/** Three-word questions from the live passages' own words (seeded). */
function questions(passages: readonly Passage[], seed: number, count: number): string[][] {
  let state = seed;
  const next = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, () => {
    const p = passages[Math.floor(next() * passages.length)]!;
    const words = p.document.body.slice(p.start, p.end).match(/\p{L}{4,}/gu) ?? ['nothing'];
    return [...new Set(analyze(Array.from({ length: 3 }, () => words[Math.floor(next() * words.length)]).join(' ')))];
  });
}

type Step = { kind: 'add'; count: number } | { kind: 'remove'; pick: number } | { kind: 'merge' };

describe('a live index scores as wink-bm25-text-search over the same articles built at once', () => {
  it('after any sequence of adds, removals and merges: same top 10, in order, same scores', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), count: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('merge' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(step, { minLength: 1, maxLength: 8 }), fc.nat(), (start, steps: Step[], seed) => {
        let next = 0;
        const live = LiveIndex.build(analyzeCorpus(pool.slice(0, start)));
        next = start;
        const alive = new Set(pool.slice(0, start));
        for (const s of steps) {
          if (s.kind === 'add' && next < pool.length) {
            const docs = pool.slice(next, next + s.count);
            next += docs.length;
            live.add(analyzeCorpus(docs, undefined, live.nextId));
            for (const d of docs) alive.add(d);
          } else if (s.kind === 'remove' && alive.size > 1) {
            const gone = [...alive][s.pick % alive.size]!;
            live.remove(new Set([gone]));
            alive.delete(gone);
          } else if (s.kind === 'merge') {
            live.merge(0, live.segmentCount - 1);
          }
        }
        const index = live.snapshot();
        const passages = index.passages.filter((p) => !live.isRemoved(p.id));
        const wink = winkOver(passages);
        for (const terms of questions(passages, seed, 12)) {
          const expected = wink.search(terms.join(' '), 10);
          const actual = index.search(terms.map((term) => ({ term, weight: 1 })), 10);
          expect(actual.map((h) => String(h.passage.id)), terms.join(' ')).toEqual(expected.map(([id]) => String(id)));
          actual.forEach((h, k) => expect(h.score).toBe(expected[k]![1]));
        }
        // A word only removed articles held is no longer known (a fresh build would not know it).
        const held = new Set(passages.flatMap((p) => [...analyze(p.document.title), ...p.sentences.flatMap((x) => analyze(p.document.body.slice(x.start, x.end)))]));
        for (const d of pool) for (const term of analyze(d.title)) expect(index.knows(term), term).toBe(held.has(term));
      }),
      { numRuns: 12, seed: 20261204 },
    );
  });

  it('costs the article: adding one keeps every other segment as it was', () => {
    const live = LiveIndex.build(analyzeCorpus(pool.slice(0, 5)));
    const before = live.allSegments[0];
    live.add(analyzeCorpus(pool.slice(5, 6), undefined, live.nextId));
    expect(live.allSegments[0]).toBe(before);
    expect(live.segmentCount).toBe(2);
  });

  it('merges its small segments into one when there are more than the merge factor', () => {
    const live = LiveIndex.build(analyzeCorpus(pool.slice(0, 2)));
    for (let i = 2; i < 14; i++) live.add(analyzeCorpus(pool.slice(i, i + 1), undefined, live.nextId));
    expect(live.segmentCount).toBeLessThanOrEqual(11);
    expect(live.snapshot().search([{ term: analyze(pool[13]!.title)[0]!, weight: 1 }], 1)).toHaveLength(1);
  });

  it('merges on a worker thread to the same segment as here, and answers alike meanwhile and after', async () => {
    const build = () => {
      const live = LiveIndex.build(analyzeCorpus(pool.slice(0, 2)));
      for (let i = 2; i < 12; i++) live.add(analyzeCorpus(pool.slice(i, i + 1), undefined, live.nextId), { merge: false });
      live.remove(new Set([pool[5]!]));
      return live;
    };
    const here = build();
    here.mergeIfCrowded();
    const there = build();
    const before = there.snapshot();
    expect(await there.mergeInBackground(0)).toBe(true);
    expect(there.segmentCount).toBe(here.segmentCount);
    expect(there.allSegments.at(-1)).toEqual(here.allSegments.at(-1));
    const passages = here.snapshot().live;
    for (const terms of questions(passages, 11, 20)) {
      const query = terms.map((term) => ({ term, weight: 1 }));
      const expected = here.snapshot().search(query, 10).map((h) => [h.passage.id, h.score]);
      expect(there.snapshot().search(query, 10).map((h) => [h.passage.id, h.score])).toEqual(expected);
      expect(before.search(query, 10).map((h) => [h.passage.id, h.score])).toEqual(expected);
    }
  });
});
