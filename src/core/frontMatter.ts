import { Document as YamlDocument, isScalar, parseDocument } from 'yaml';

/**
 * An article file split into its front matter and body. Only a plain YAML block is accepted:
 * gray-matter-style `---js` / `---json` openers would let a corpus file choose an engine (and
 * gray-matter's `js` engine evaluates code), so any opener other than a bare `---` is refused.
 */
export type FrontMatterResult =
  | { ok: true; data: Record<string, unknown>; body: string }
  | { ok: false; reason: 'missing' | 'not-yaml' | 'invalid'; message: string };

/** Opening line, YAML block, closing line; the block may be empty. Text is already LF-only. */
const BLOCK = /^---([^\n]*)\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/;

export function splitFrontMatter(text: string): FrontMatterResult {
  if (!text.startsWith('---')) {
    return { ok: false, reason: 'missing', message: 'is missing; start the file with a --- block holding title, outlet, url and published' };
  }
  const match = BLOCK.exec(text);
  if (!match) return { ok: false, reason: 'invalid', message: 'is not closed; end it with a line holding only ---' };
  const opener = match[1]!.trim();
  if (opener !== '') {
    return { ok: false, reason: 'not-yaml', message: `must be plain YAML opened by a bare --- line (found ---${opener.slice(0, 20)}); nothing in an article is ever run` };
  }
  // The core schema has no timestamp type, so an unquoted 2024-02-30 stays the text written
  // instead of becoming a Date that rolls over to March; custom tags (!!js/function) are refused.
  const document = parseDocument(match[2] ?? '', { schema: 'core', customTags: [], uniqueKeys: true, prettyErrors: false });
  const trouble = document.errors[0] ?? document.warnings[0];
  if (trouble) return { ok: false, reason: 'invalid', message: `is not valid YAML (${trouble.message.split('\n')[0]})` };
  const data: unknown = document.toJS({ maxAliasCount: 50 });
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    return { ok: false, reason: 'invalid', message: 'must be YAML fields (name: value), one per line' };
  }
  return { ok: true, data: (data ?? {}) as Record<string, unknown>, body: text.slice(match[0].length) };
}

/**
 * An article file as a person writes one: YAML front matter with plain keys and values (quoted only
 * where YAML needs it), the date quoted so every YAML reader keeps it as written, then the body.
 */
export function formatArticle(fields: Record<string, string | undefined>, body: string): string {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const front = new YamlDocument(defined);
  const published = front.get('published', true);
  if (isScalar(published)) published.type = 'QUOTE_DOUBLE';
  return `---\n${front.toString({ lineWidth: 0 })}---\n${body.endsWith('\n') ? body : body + '\n'}`;
}
