// A live index on disk: one file per segment and a manifest, written as segments come and merge.
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { lemmaTable, preloadLemmas } from './analyzer.js';
import type { Corpus } from './corpus.js';
import { IndexCacheError, layoutPassages, passagesFromLayout, readLemmas, readManifest, readSegmentFile, writeLemmas, writeManifest, writeSegmentFile, type StoredSegment } from './indexStore.js';
import { LiveIndex, type IndexSettings } from './liveIndex.js';
import type { LinkKind, WordNetLinks } from './lexicon/wordnet.js';
import type { Segment } from './segment.js';
import { TermDictionary } from './termDictionary.js';
import type { Document } from './types.js';

/**
 * Persists a live index's segments: a segment is written once, when it first appears (an added
 * article's, or a merge's), then the manifest that lists them in order; files no longer listed
 * are deleted. A start reads them back (restoreIndex) instead of building.
 */
export class SegmentStore {
  constructor(
    private readonly folder: string,
    private readonly key: string,
    private readonly files = new WeakMap<Segment, string>(),
  ) {}

  /** Writes what is new; returns the bytes written. Throws when the folder cannot take it. */
  save(index: LiveIndex, corpus: Corpus): number {
    let bytes = 0;
    const names: string[] = [];
    index.allSegments.forEach((segment) => {
      let name = this.files.get(segment);
      if (!name) {
        name = `${segment.firstId}-${segment.slots}-${randomBytes(4).toString('hex')}.vseg`;
        bytes += writeSegmentFile(join(this.folder, name), this.key, storedSegment(index, segment, corpus));
        this.files.set(segment, name);
      }
      names.push(name);
    });
    if (index.allSegments.length === 1 && bytes > 0) writeLemmas(this.folder, lemmaTable());
    writeManifest(this.folder, { key: this.key, segments: names, removed: index.removedArticles() });
    return bytes;
  }

  /** save(), but a folder that cannot take it leaves the index served from memory (it is built again next start). */
  trySave(index: LiveIndex, corpus: Corpus): void {
    try {
      this.save(index, corpus);
    } catch {}
  }
}

function storedSegment(index: LiveIndex, segment: Segment, corpus: Corpus): StoredSegment {
  const passages = index.passagesById.slice(segment.firstId, segment.firstId + segment.slots);
  const layout = layoutPassages(passages);
  // A removed article's digest is left empty: no file matches it, so a start never takes it back.
  for (const d of layout.documents) d.digest = index.isRemoved(d.firstId) ? '' : (corpus.digests.get(d.path) ?? '');
  const [from, to] = index.termRange(segment);
  return {
    segment,
    ...layout,
    firstAddedTerm: from,
    addedTerms: Array.from({ length: to - from }, (_, i) => index.dictionary.term(from + i)),
    links: linkTable(index.linksAddedBy(segment)),
  };
}

const LINK_KINDS: readonly LinkKind[] = ['synonym', 'broader', 'family'];

function linkTable(links: WordNetLinks): StoredSegment['links'] {
  return { synonym: [...links.synonym], broader: [...links.broader], family: [...links.family] };
}

/** An article a segment holds that the folder no longer has as it was: its passages are removed at once. */
function standIn(path: string): Document {
  return { id: path.replace(/\.[^.]+$/, ''), title: '', outlet: '', url: '', published: '', path, body: '' };
}

export interface RestoredIndex {
  index: LiveIndex;
  /** The articles the segments hold that the folder still has, byte for byte. */
  corpus: Corpus;
  files: WeakMap<Segment, string>;
  /** Articles the segments held that the folder no longer has as they were. */
  removed: number;
}

/**
 * Reads a live index back from its folder, or undefined when it has none. An article the folder
 * no longer has (or has changed) is removed from it; the caller adds what the folder has anew.
 * Throws IndexCacheError for a file that cannot be served.
 */
export function restoreIndex(folder: string, key: string, corpus: Corpus, settings: IndexSettings): RestoredIndex | undefined {
  const manifest = readManifest(folder, key);
  if (!manifest || manifest.segments.length === 0) return undefined;
  const stored = manifest.segments.map((file) => ({ file, ...readSegmentFile(join(folder, file), key) }));
  const [base, ...rest] = stored;
  if (base!.firstAddedTerm !== 0) throw new IndexCacheError('the first segment holds no vocabulary');
  if (stored.some((s) => !s.links)) throw new IndexCacheError('a segment holds no word links');
  const dictionary = new TermDictionary(base!.addedTerms);
  for (const s of rest) {
    if (s.firstAddedTerm !== dictionary.size) throw new IndexCacheError('segments do not follow one another');
    for (const term of s.addedTerms) dictionary.intern(term);
  }
  const inFolder = new Map(corpus.documents.map((d) => [d.path, d]));
  const removedBefore = new Set(manifest.removed ?? []);
  let removedNow = 0;
  const claimed = new Set<Document>();
  const gone = new Set<Document>();
  const files = new WeakMap<Segment, string>();
  let nextId = 0;
  const segments = stored.map((s) => {
    if (s.segment.firstId !== nextId) throw new IndexCacheError('segments do not follow one another');
    nextId += s.segment.slots;
    const documents = s.documents.map((d) => {
      const now = inFolder.get(d.path);
      if (now && d.digest !== '' && corpus.digests.get(d.path) === d.digest && !claimed.has(now)) {
        claimed.add(now);
        return now;
      }
      const missing = standIn(d.path);
      gone.add(missing);
      if (d.digest !== '' && !removedBefore.has(d.firstId)) removedNow++;
      return missing;
    });
    files.set(s.segment, s.file);
    const links = Object.fromEntries(LINK_KINDS.map((kind) => [kind, new Map(s.links[kind])])) as WordNetLinks;
    return { segment: s.segment, passages: passagesFromLayout(s, s.segment.firstId, documents, gone), terms: [s.firstAddedTerm, s.firstAddedTerm + s.addedTerms.length] as [number, number], links };
  });
  preloadLemmas(readLemmas(folder));
  const index = LiveIndex.restore(dictionary, settings, segments);
  index.remove(gone);
  const documents = corpus.documents.filter((d) => claimed.has(d));
  const digests = new Map(documents.map((d) => [d.path, corpus.digests.get(d.path)!]));
  return { index, corpus: { ...corpus, documents, digests }, files, removed: removedNow };
}
