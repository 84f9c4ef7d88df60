// Building an index: wink-bm25-text-search's weights, read into flat typed arrays.
import bm25 from 'wink-bm25-text-search';
import type { AnalyzedCorpus } from './analyzeCorpus.js';
import { wordNetLinksInto, type LinkKind } from './lexicon/wordnet.js';

/** Field weights: the headline counts, but less than the passage's own words. */
export const FIELD_WEIGHTS = { title: 0.5, body: 1 } as const;
export const BM25_PARAMS = { k1: 1.2, b: 0.5, k: 1 } as const;

export interface IndexSettings {
  fieldWeights?: Record<string, number>;
  bm25?: { k1: number; b: number; k: number };
}

/** wink rounds weights to 4 decimals (its default frequency precision). */
export const WEIGHT_SCALE = 10_000;

/** wink-bm25-text-search refuses to consolidate fewer documents than this. */
const WINK_MIN_DOCUMENTS = 3;

const splitTerms = (text: string): string[] => (text === '' ? [] : text.split(' '));

/**
 * Everything search needs, in flat typed arrays (so it persists as bytes and loads in one read):
 * the consolidated BM25 weights by term (compressed sparse rows), and which terms each passage's
 * text and each document's title contain (sorted term ids).
 */
export interface IndexData {
  vocabulary: string[];
  /** Postings of term t are offsets[t] .. offsets[t + 1]; their count is the term's passage frequency. */
  offsets: Uint32Array;
  passageIds: Uint32Array;
  /**
   * wink's weights are rounded to 4 decimals, so they are kept exactly as integers × 10,000 in
   * half the bytes of doubles; n / 10,000 is the very double wink holds for the same decimal.
   */
  weights: Uint32Array;
  bodyOffsets: Uint32Array;
  bodyTerms: Uint32Array;
  titleOffsets: Uint32Array;
  titleTerms: Uint32Array;
  /** Word → the corpus terms WordNet links it to, by kind (see lexicon/wordnet.ts), fixed when the index is built. */
  links: Record<LinkKind, [string, string[]][]>;
  /** Sentences of passage p are firstSentence[p] .. firstSentence[p + 1] (global sentence numbers). */
  firstSentence: Uint32Array;
  /** Term ids of global sentence k, in reading order, are sentenceTerms[sentenceOffsets[k] .. sentenceOffsets[k + 1]]. */
  sentenceOffsets: Uint32Array;
  sentenceTerms: Uint32Array;
}

/**
 * Builds the BM25 weights with wink-bm25-text-search (fields title and body) from analysed
 * passages; wink only splits the prepared terms, so queries and passages meet on exactly the
 * same terms. The weights are then read into typed arrays.
 */
export function buildIndexData(analyzed: AnalyzedCorpus, settings: IndexSettings = {}): IndexData {
  const engine = bm25();
  engine.defineConfig({ fldWeights: { ...(settings.fieldWeights ?? FIELD_WEIGHTS) }, bm25Params: { ...(settings.bm25 ?? BM25_PARAMS) } });
  engine.definePrepTasks([splitTerms]);
  const titleText = analyzed.titleTerms;
  const documentIndex = new Map(analyzed.passages.map((p) => [p.document, 0]));
  let d = 0;
  for (const document of documentIndex.keys()) documentIndex.set(document, d++);
  for (const passage of analyzed.passages) {
    engine.addDoc({ title: titleText[documentIndex.get(passage.document)!]!, body: analyzed.bodyTerms[passage.id]! }, passage.id);
  }
  // Empty stand-ins let a one-article corpus load; they hold no term, so they never match.
  for (let pad = analyzed.passages.length; pad < WINK_MIN_DOCUMENTS; pad++) engine.addDoc({ title: '', body: '' }, `pad-${pad}`);
  engine.consolidate();

  // The consolidated weights, read in place (getDocs/getTokens give wink's own objects; an
  // export would serialise ~64 MB of JSON at 100k passages only to parse it back).
  const documents = engine.getDocs() as Record<string, { freq: Record<string, number> }>;
  const token2Index = engine.getTokens() as Record<string, number>;
  // Term ids follow the sorted vocabulary, so a loaded index finds a term by binary search and
  // needs no map of its whole vocabulary.
  const vocabulary = Object.keys(token2Index).sort();
  const termId = new Map(vocabulary.map((term, t) => [term, t]));
  const fromWink = new Uint32Array(vocabulary.length);
  vocabulary.forEach((term, t) => (fromWink[token2Index[term]!] = t));
  const passages = analyzed.passages.length;
  const offsets = new Uint32Array(vocabulary.length + 1);
  for (let id = 0; id < passages; id++) for (const w in documents[id]!.freq) offsets[fromWink[Number(w)]! + 1]!++;
  for (let t = 0; t < vocabulary.length; t++) offsets[t + 1]! += offsets[t]!;
  const count = offsets[vocabulary.length]!;
  const passageIds = new Uint32Array(count);
  const weights = new Uint32Array(count);
  const fill = offsets.slice(0, vocabulary.length);
  // Passages in id order keep every term's postings sorted by passage, as wink's own index is.
  for (let id = 0; id < passages; id++) {
    const freq = documents[id]!.freq;
    for (const w in freq) {
      const at = fill[fromWink[Number(w)]!]!++;
      passageIds[at] = id;
      weights[at] = Math.round(freq[w]! * WEIGHT_SCALE);
    }
  }
  const firstSentence = new Uint32Array(analyzed.passages.length + 1);
  analyzed.passages.forEach((p, i) => (firstSentence[i + 1] = firstSentence[i]! + p.sentences.length));
  const sentenceRows = analyzed.sentenceTerms.map((terms) => splitTerms(terms).map((t) => termId.get(t)!));
  const [sentenceOffsets, sentenceTerms] = rows(sentenceRows);
  // A passage's terms are its sentences' terms: its row is their distinct ids, ascending.
  const lastSeenIn = new Int32Array(vocabulary.length).fill(-1);
  const bodyRows = analyzed.passages.map((_, id) => {
    const row: number[] = [];
    for (let k = firstSentence[id]!; k < firstSentence[id + 1]!; k++) {
      for (const t of sentenceRows[k]!) {
        if (lastSeenIn[t] === id) continue;
        lastSeenIn[t] = id;
        row.push(t);
      }
    }
    return row.sort((a, b) => a - b);
  });
  const titleRows = analyzed.titleTerms.map((terms) => [...new Set(splitTerms(terms))].map((t) => termId.get(t)).filter((t): t is number => t !== undefined).sort((a, b) => a - b));
  const [bodyOffsets, bodyTerms] = rows(bodyRows);
  const [titleOffsets, titleTerms] = rows(titleRows);
  return {
    vocabulary,
    offsets,
    passageIds,
    weights,
    bodyOffsets,
    bodyTerms,
    titleOffsets,
    titleTerms,
    links: wordNetLinks(vocabulary),
    firstSentence,
    sentenceOffsets,
    sentenceTerms,
  };
}

function wordNetLinks(vocabulary: readonly string[]): IndexData['links'] {
  const { synonym, broader, family } = wordNetLinksInto(vocabulary);
  return { synonym: [...synonym], broader: [...broader], family: [...family] };
}

function rows(list: number[][]): [Uint32Array, Uint32Array] {
  const offsets = new Uint32Array(list.length + 1);
  let total = 0;
  list.forEach((row, i) => {
    offsets[i] = total;
    total += row.length;
  });
  offsets[list.length] = total;
  const values = new Uint32Array(total);
  list.forEach((row, i) => values.set(row, offsets[i]!));
  return [offsets, values];
}
