import { describe, expect, it } from 'vitest';
import { alignedRouge, averageScores, concatRouge, dateF1, rougeTokens, scoreTimeline } from '../eval/tls/metrics.js';

const tl = (entries: [string, string[]][]) => new Map(entries);

describe('timeline summarisation metrics (eval/tls)', () => {
  it('tokenises as ROUGE-1.5.5 with -m -s: lower case, stop words out, Porter stems for words over 3 letters', () => {
    expect(rougeTokens("The old bridge COLLAPSED on Monday's storm-hit roads, 2 ways")).toEqual(['bridg', 'collaps', 'mondai', 'storm', 'hit', 'road', '2', 'wai']);
  });

  // Worked by hand from the definitions: see the comments for each figure.
  const reference = tl([
    ['2020-01-01', ['The bridge collapsed']],
    ['2020-01-05', ['Rain flooded the town']],
  ]);
  const predicted = tl([
    ['2020-01-01', ['The old bridge collapsed']],
    ['2020-01-04', ['Rain flooded roads']],
  ]);

  it('Date F1: one of two days shared', () => {
    expect(dateF1(predicted, reference)).toEqual({ precision: 0.5, recall: 0.5, f: 0.5 });
  });

  it('concat ROUGE-1: four of five unigrams each way', () => {
    expect(concatRouge(predicted, reference, 1).f).toBeCloseTo(0.8, 10);
  });

  it('AR-1 (align+ m:1): 4 Jan aligns to 5 Jan (nearest in date and words), its hits count half', () => {
    // Precision: 1 Jan → 1 Jan, 2 hits of 2; 4 Jan → 5 Jan, 2 hits × 1/2 of 3 → 3 / 5.
    // Recall: 1 Jan → 1 Jan, 2 of 2; 5 Jan → 4 Jan, 2 × 1/2 of 3 → 3 / 5.
    const ar1 = alignedRouge(predicted, reference, 1);
    expect(ar1.precision).toBeCloseTo(0.6, 10);
    expect(ar1.recall).toBeCloseTo(0.6, 10);
    // Bigrams: "bridg collaps" matches on 1 Jan, "rain flood" at half weight on 4 Jan.
    const ar2 = alignedRouge(predicted, reference, 2);
    expect(ar2.precision).toBeCloseTo(1.5 / 3, 10);
    expect(ar2.recall).toBeCloseTo(1.5 / 3, 10);
  });

  it('averages precision and recall over timelines, then takes F', () => {
    const perfect = scoreTimeline(reference, reference);
    const empty = scoreTimeline(new Map(), reference);
    expect(perfect.ar1.f).toBe(1);
    expect(empty.ar1).toEqual({ precision: 0, recall: 0, f: 0 });
    expect(averageScores([perfect, empty]).ar1).toEqual({ precision: 0.5, recall: 0.5, f: 0.5 });
  });
});
