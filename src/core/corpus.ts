import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, join, basename, relative, isAbsolute } from 'node:path';
import { splitFrontMatter } from './frontMatter.js';
import type { Document } from './types.js';
import { count } from './wording.js';

/** One thing wrong with one file of a corpus folder. */
export interface CorpusProblem {
  file: string;
  /** The front-matter field, or a pseudo-field: `file`, `encoding`, `front matter`, `body`. */
  field: string;
  message: string;
}

/** A corpus folder that cannot be loaded; carries every problem found, not just the first. */
export class CorpusError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: CorpusProblem[],
  ) {
    super(formatProblems(dir, problems));
    this.name = 'CorpusError';
  }
}

export function formatProblems(dir: string, problems: CorpusProblem[]): string {
  const lines = problems.map((p) => `  ${printable(p.file)}: ${p.field}: ${p.message}`);
  return [`The corpus in ${dir} has ${count(problems.length, 'problem')}; fix them and load it again:`, ...lines].join('\n');
}

export interface Corpus {
  dir: string;
  documents: Document[];
  /** SHA-256 of every article file's name and bytes: changes when any article does. */
  fingerprint: string;
  /** Per article path, a hash of its file's bytes: what a live index compares to see an article changed. */
  digests: ReadonlyMap<string, string>;
}

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);
/** An article file larger than this is refused: no news article is, and the index would choke on it. */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

/** A file name as one line: control characters (a newline would forge a line of the list) shown escaped. */
function printable(name: string): string {
  return /[\p{Cc}]/u.test(name) ? JSON.stringify(name) : name;
}

/**
 * Why a folder entry cannot be an article without reading it, or undefined: only regular files,
 * or links to regular files inside the folder, are read (a FIFO would hang the reader, a link to
 * /dev/zero never ends, a link out of the folder serves someone else's file), and none over
 * MAX_ARTICLE_BYTES.
 */
function unreadable(dir: string, name: string, stats: Stats): string | undefined {
  if (!stats.isFile()) return 'is not a regular file (a device, pipe or socket); a corpus holds Markdown files only';
  if (stats.size > MAX_ARTICLE_BYTES) return `is ${(stats.size / 1024 / 1024).toFixed(1)} MB; an article file can be at most ${MAX_ARTICLE_BYTES / 1024 / 1024} MB`;
  if (lstatSync(join(dir, name)).isSymbolicLink()) {
    const target = relative(realpathSync(dir), realpathSync(join(dir, name)));
    if (target.startsWith('..') || isAbsolute(target)) return 'is a link to a file outside the corpus folder; copy the article into the folder instead';
  }
  return undefined;
}
const REQUIRED_FIELDS = ['title', 'outlet', 'url', 'published'] as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and validates every article in `dir`. Throws a CorpusError listing all problems at once;
 * a corpus with any problem does not load, so a half-valid folder never answers questions.
 */
export function loadCorpus(dir: string): Corpus {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (error) {
    throw new CorpusError(dir, [{ file: dir, field: 'folder', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` }]);
  }
  const { documents, digests, fingerprint, problems } = readEntries(dir, entries);
  problems.push(...duplicateUrls(documents));
  if (problems.length === 0 && documents.length === 0) {
    problems.push({ file: dir, field: 'folder', message: 'holds no Markdown articles' });
  }
  if (problems.length > 0) throw new CorpusError(dir, problems);
  return { dir, documents, fingerprint, digests };
}

/**
 * The corpus after some of its files changed (named; a named file that is gone is removed), read
 * and validated as loadCorpus would, reading only those files: what an add or a feed item costs.
 */
export function loadChangedFiles(corpus: Corpus, names: readonly string[]): Corpus {
  const changed = new Set(names);
  const present = names.filter((name) => existsSync(join(corpus.dir, name)));
  const read = readEntries(corpus.dir, present.sort());
  const documents = [...corpus.documents.filter((d) => !changed.has(d.path)), ...read.documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const problems = [...read.problems, ...duplicateUrls(documents).filter((p) => changed.has(p.file))];
  if (problems.length > 0) throw new CorpusError(corpus.dir, problems);
  const digests = new Map([...corpus.digests].filter(([path]) => !changed.has(path)));
  for (const [path, digest] of read.digests) digests.set(path, digest);
  // The fingerprint names this state of the folder; a targeted change cannot know it without reading everything.
  return { dir: corpus.dir, documents, digests, fingerprint: `${corpus.fingerprint}+${read.fingerprint}` };
}

function duplicateUrls(documents: readonly Document[]): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const byUrl = new Map<string, string>();
  for (const document of documents) {
    const key = normalizeUrl(document.url);
    const first = byUrl.get(key);
    if (first) problems.push({ file: document.path, field: 'url', message: `duplicates the url of ${first}` });
    else byUrl.set(key, document.path);
  }
  return problems;
}

/** Reads and validates the named entries of a folder. */
function readEntries(dir: string, entries: readonly string[]): { documents: Document[]; digests: Map<string, string>; fingerprint: string; problems: CorpusProblem[] } {
  const problems: CorpusProblem[] = [];
  const documents: Document[] = [];
  const hash = createHash('sha256');
  const digests = new Map<string, string>();
  for (const name of entries) {
    // Dotfiles (.gitkeep, .DS_Store) are bookkeeping, not articles.
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      // A link whose target is gone, or a file removed while the folder was read.
      problems.push({ file: name, field: 'file', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); a broken link?` });
      continue;
    }
    if (stats.isDirectory()) {
      problems.push({ file: name, field: 'file', message: 'is a folder; a corpus is one flat folder of Markdown files' });
      continue;
    }
    if (!MARKDOWN_EXTENSIONS.has(extname(name).toLowerCase())) {
      problems.push({ file: name, field: 'file', message: 'is not a Markdown file (.md); move it out of the corpus folder' });
      continue;
    }
    if (/[\p{Cc}]/u.test(name)) {
      problems.push({ file: name, field: 'file', message: 'has a control character (such as a line break) in its name; rename it' });
      continue;
    }
    let bytes: Buffer;
    try {
      const refused = unreadable(dir, name, stats);
      if (refused) {
        problems.push({ file: name, field: 'file', message: refused });
        continue;
      }
      bytes = readFileSync(path);
      // The file may have grown since it was looked at.
      if (bytes.length > MAX_ARTICLE_BYTES) {
        problems.push({ file: name, field: 'file', message: `is over ${MAX_ARTICLE_BYTES / 1024 / 1024} MB; an article file can be at most that` });
        continue;
      }
    } catch (error) {
      problems.push({ file: name, field: 'file', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      continue;
    }
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
    const document = readArticle(bytes, name, problems);
    if (document) {
      documents.push(document);
      digests.set(document.path, createHash('sha1').update(bytes).digest('hex'));
    }
  }

  return { documents, digests, fingerprint: hash.digest('hex'), problems };
}

function readArticle(bytes: Buffer, name: string, problems: CorpusProblem[]): Document | undefined {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    problems.push({ file: name, field: 'encoding', message: 'is not valid UTF-8; save the file as UTF-8' });
    return undefined;
  }
  // A BOM would shift every offset by one and hide the front matter. Line endings are made LF
  // so a file saved on Windows splits into the same paragraphs and no quote carries a "\r".
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');

  const parsed = splitFrontMatter(text);
  if (!parsed.ok) {
    problems.push({ file: name, field: 'front matter', message: parsed.message });
    return undefined;
  }
  const data = parsed.data as Record<string, unknown>;
  const before = problems.length;
  const fields: Partial<Record<(typeof REQUIRED_FIELDS)[number], string>> = {};
  for (const field of REQUIRED_FIELDS) {
    const value = data[field];
    if (value === undefined || value === null) {
      problems.push({ file: name, field, message: 'is missing' });
    } else if (typeof value !== 'string') {
      problems.push({ file: name, field, message: `must be text, found ${JSON.stringify(value)}` });
    } else if (value.trim() === '') {
      problems.push({ file: name, field, message: 'is empty' });
    } else {
      fields[field] = value.trim();
    }
  }
  if (fields.published !== undefined && !isCalendarDate(fields.published)) {
    problems.push({ file: name, field: 'published', message: `"${fields.published}" is not a date; write it as YYYY-MM-DD` });
  }
  if (fields.url !== undefined && !isHttpUrl(fields.url)) {
    problems.push({ file: name, field: 'url', message: `"${fields.url}" is not an http(s) URL` });
  }
  let author: string | undefined;
  if (data.author !== undefined) {
    if (typeof data.author !== 'string' || data.author.trim() === '') problems.push({ file: name, field: 'author', message: 'must be non-empty text when present' });
    else author = data.author.trim();
  }
  if (parsed.body.trim() === '') problems.push({ file: name, field: 'body', message: 'is empty; put the article text after the front matter' });
  if (problems.length > before) return undefined;

  return {
    id: basename(name, extname(name)),
    title: fields.title!,
    outlet: fields.outlet!,
    url: fields.url!,
    published: fields.published!,
    ...(author ? { author } : {}),
    path: name,
    body: parsed.body,
  };
}

export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * One spelling per address, for finding the same article twice: scheme and host in lower case
 * (the URL parser does that), no default port, no fragment, no trailing slash on the path.
 */
export function normalizeUrl(text: string): string {
  try {
    const url = new URL(text);
    url.hash = '';
    if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '');
    return url.href.replace(/\/$/, '');
  } catch {
    return text;
  }
}

/** An http(s) address with a host: what an article's link must be. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
