import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ArticleFields {
  title?: string;
  outlet?: string;
  url?: string;
  published?: string;
  author?: string;
}

let serial = 0;

/** A Markdown article with the given front matter (fields left undefined are omitted). */
export function article(fields: ArticleFields, body = `Body sentence number ${++serial} about Palmyra. Another sentence follows here.`): string {
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}

export function validFields(n: number): Required<Omit<ArticleFields, 'author'>> {
  return { title: `Title ${n}`, outlet: `Outlet ${n % 2}`, url: `https://example.com/${n}`, published: `2016-12-1${n % 10}` };
}

/** Writes files (name → text or bytes) into a fresh temporary folder. */
export function corpusFolder(files: Record<string, string | Uint8Array>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-corpus-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
