/**
 * Timeline-summarisation metrics as defined by Martschat & Markert (EACL 2017, "Improving ROUGE
 * for Timeline Summarization") and used by Gholipour Ghalandari & Ifrim (ACL 2020): Date F1,
 * concat ROUGE-N and date-aligned ROUGE-N "align+ m:1" (AR-N). Written from those definitions;
 * tokens as ROUGE-1.5.5 makes them with `-m -s` (lower case, non-alphanumerics as spaces, stop
 * words removed, Porter stems for words over 3 characters).
 */
import { readFileSync } from 'node:fs';
import { stemmer } from 'stemmer';

/** A timeline: ISO day → its sentences. */
export type Tl = Map<string, string[]>;

export interface PRF {
  precision: number;
  recall: number;
  f: number;
}

const STOP_WORDS = new Set(readFileSync(new URL('../data/rouge/smart-stopwords.txt', import.meta.url), 'utf8').split('\n').filter(Boolean));

export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((t) => t !== '' && !STOP_WORDS.has(t))
    .map((t) => (t.length > 3 ? stemmer(t) : t));
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N raw counts of a summary against one reference: hits, system n-grams, reference n-grams. */
interface Counts {
  hits: number;
  system: number;
  reference: number;
}

function rougeCounts(system: string[], reference: string[], n: number): Counts {
  const s = ngrams(system.flatMap(rougeTokens), n);
  const r = ngrams(reference.flatMap(rougeTokens), n);
  let hits = 0;
  let systemTotal = 0;
  let referenceTotal = 0;
  for (const [gram, count] of s) {
    systemTotal += count;
    hits += Math.min(count, r.get(gram) ?? 0);
  }
  for (const count of r.values()) referenceTotal += count;
  return { hits, system: systemTotal, reference: referenceTotal };
}

/** ROUGE-N F1 of one summary against one reference. */
export function rougeF1(system: string[], reference: string[], n: number): number {
  const c = rougeCounts(system, reference, n);
  return c.hits === 0 ? 0 : f1(c.hits / c.system, c.hits / c.reference);
}

const f1 = (precision: number, recall: number) => (precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall));
const prf = (precision: number, recall: number): PRF => ({ precision, recall, f: f1(precision, recall) });

export function dateF1(predicted: Tl, reference: Tl): PRF {
  const shared = [...predicted.keys()].filter((d) => reference.has(d)).length;
  return prf(predicted.size === 0 ? 0 : shared / predicted.size, shared / reference.size);
}

export function concatRouge(predicted: Tl, reference: Tl, n: number): PRF {
  const all = (tl: Tl) => [...tl.keys()].sort().flatMap((d) => tl.get(d)!);
  const c = rougeCounts(all(predicted), all(reference), n);
  return prf(c.system === 0 ? 0 : c.hits / c.system, c.reference === 0 ? 0 : c.hits / c.reference);
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** tilse's "approximation of ROUGE-1" between two days' sentences: whitespace tokens, F1. */
function roughUnigramF1(system: string[], reference: string[]): number {
  const count = (sentences: string[]) => {
    const m = new Map<string, number>();
    for (const t of sentences.flatMap((s) => s.split(/\s+/).filter(Boolean))) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  };
  const s = count(system);
  const r = count(reference);
  let match = 0;
  for (const [t, c] of s) match += Math.min(c, r.get(t) ?? 0);
  const sTotal = [...s.values()].reduce((a, b) => a + b, 0);
  const rTotal = [...r.values()].reduce((a, b) => a + b, 0);
  return f1(sTotal === 0 ? 0 : match / sTotal, rTotal === 0 ? 0 : match / rTotal);
}

/**
 * Date-aligned ROUGE-N, many-to-one: each predicted day is aligned to the reference day of least
 * cost (date distance factor × content distance), and the reverse for recall; hits count
 * 1 / (days apart + 1).
 */
export function alignedRouge(predicted: Tl, reference: Tl, n: number): PRF {
  const pDates = [...predicted.keys()].sort();
  const rDates = [...reference.keys()].sort();
  const cost = (p: string, r: string) => (1 - 1 / (Math.abs(dayNumber(p) - dayNumber(r)) + 1)) * (1 - roughUnigramF1(predicted.get(p)!, reference.get(r)!));
  const nearest = (from: string, candidates: string[], costOf: (c: string) => number) => {
    let best = candidates[0]!;
    let bestCost = Infinity;
    for (const c of candidates) {
      const value = costOf(c);
      if (value < bestCost) [best, bestCost] = [c, value];
    }
    return best;
  };
  let pNum = 0;
  let pDen = 0;
  let rNum = 0;
  let rDen = 0;
  for (const p of pDates) {
    const r = nearest(p, rDates, (c) => cost(p, c));
    const c = rougeCounts(predicted.get(p)!, reference.get(r)!, n);
    pNum += c.hits / (Math.abs(dayNumber(p) - dayNumber(r)) + 1);
    pDen += c.system;
  }
  for (const r of rDates) {
    if (pDates.length === 0) {
      rDen += rougeCounts([], reference.get(r)!, n).reference;
      continue;
    }
    const p = nearest(r, pDates, (c) => cost(c, r));
    const c = rougeCounts(predicted.get(p)!, reference.get(r)!, n);
    rNum += c.hits / (Math.abs(dayNumber(p) - dayNumber(r)) + 1);
    rDen += c.reference;
  }
  return prf(pDen === 0 ? 0 : pNum / pDen, rDen === 0 ? 0 : rNum / rDen);
}

export interface TlsScores {
  ar1: PRF;
  ar2: PRF;
  concat1: PRF;
  concat2: PRF;
  date: PRF;
}

export function scoreTimeline(predicted: Tl, reference: Tl): TlsScores {
  return {
    ar1: alignedRouge(predicted, reference, 1),
    ar2: alignedRouge(predicted, reference, 2),
    concat1: concatRouge(predicted, reference, 1),
    concat2: concatRouge(predicted, reference, 2),
    date: dateF1(predicted, reference),
  };
}

/** As in the literature: precision and recall averaged over timelines, then F. */
export function averageScores(all: TlsScores[]): TlsScores {
  const mean = (pick: (s: TlsScores) => PRF): PRF =>
    prf(all.reduce((n, s) => n + pick(s).precision, 0) / all.length, all.reduce((n, s) => n + pick(s).recall, 0) / all.length);
  return { ar1: mean((s) => s.ar1), ar2: mean((s) => s.ar2), concat1: mean((s) => s.concat1), concat2: mean((s) => s.concat2), date: mean((s) => s.date) };
}
