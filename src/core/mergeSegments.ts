// Merging segments: the work a merge does, apart so that a worker thread can run it alone.
import { rows, type Segment } from './segment.js';

/**
 * One segment from consecutive ones: their slots in order, a removed passage's slot kept empty
 * (ids never move) and its postings left out.
 */
export function mergeSegments(segments: readonly Segment[], removed: Uint8Array): Segment {
  const firstId = segments[0]!.firstId;
  const slots = segments.reduce((n, s) => n + s.slots, 0);
  const lengths = new Uint32Array(slots);
  const bodyRows: Uint32Array[] = [];
  const titleRows: Uint32Array[] = [];
  const sentenceRows: Uint32Array[] = [];
  const firstSentence = new Uint32Array(slots + 1);
  const empty = new Uint32Array(0);
  let slot = 0;
  for (const s of segments) {
    for (let i = 0; i < s.slots; i++, slot++) {
      const gone = removed[s.firstId + i] === 1;
      lengths[slot] = gone ? 0 : s.lengths[i]!;
      bodyRows.push(gone ? empty : s.bodyTerms.subarray(s.bodyOffsets[i]!, s.bodyOffsets[i + 1]!));
      titleRows.push(gone ? empty : s.titleOnlyTerms.subarray(s.titleOnlyOffsets[i]!, s.titleOnlyOffsets[i + 1]!));
      const from = s.firstSentence[i]!;
      const to = gone ? from : s.firstSentence[i + 1]!;
      for (let k = from; k < to; k++) sentenceRows.push(s.sentenceTerms.subarray(s.sentenceOffsets[k]!, s.sentenceOffsets[k + 1]!));
      firstSentence[slot + 1] = firstSentence[slot]! + (to - from);
    }
  }
  // Terms in id order; each term's postings are its segments' in segment order, so ids stay ascending.
  const byTerm = new Map<number, [Segment, number][]>();
  for (const s of segments) for (let k = 0; k < s.terms.length; k++) {
    const t = s.terms[k]!;
    const list = byTerm.get(t);
    if (list) list.push([s, k]);
    else byTerm.set(t, [[s, k]]);
  }
  const termIds = [...byTerm.keys()].sort((a, b) => a - b);
  const keptTerms: number[] = [];
  const offsets: number[] = [0];
  const postings: number[] = [];
  const counts: number[] = [];
  for (const t of termIds) {
    const before = postings.length;
    for (const [s, k] of byTerm.get(t)!) {
      for (let i = s.offsets[k]!; i < s.offsets[k + 1]!; i++) {
        if (removed[s.postings[i]!] === 1) continue;
        postings.push(s.postings[i]!);
        counts.push(s.counts[i]!);
      }
    }
    if (postings.length === before) continue;
    keptTerms.push(t);
    offsets.push(postings.length);
  }
  const [bodyOffsets, bodyTerms] = rows(bodyRows);
  const [titleOnlyOffsets, titleOnlyTerms] = rows(titleRows);
  const [sentenceOffsets, sentenceTerms] = rows(sentenceRows);
  return {
    firstId,
    slots,
    terms: Uint32Array.from(keptTerms),
    offsets: Uint32Array.from(offsets),
    postings: Uint32Array.from(postings),
    counts: Uint32Array.from(counts),
    lengths,
    titleOnlyOffsets,
    titleOnlyTerms,
    bodyOffsets,
    bodyTerms,
    firstSentence,
    sentenceOffsets,
    sentenceTerms,
  };
}
