/**
 * Turns the captured seed articles (../shared/seeds/*.txt + sources.json) into the Markdown
 * corpus in seeds/. Only the page chrome that sources.json names is dropped; every other line
 * is kept byte for byte, so quotes stay verifiable against the captures.
 *
 *   npx tsx scripts/import-seeds.ts ../shared/seeds seeds
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { formatArticle } from '../src/core/frontMatter.js';

interface SeedMeta {
  file: string;
  title: string;
  outlet: string;
  author?: string;
  url: string;
  published: string;
}

/**
 * Which captured lines are chrome, per file, as sources.json's `chrome` notes describe them.
 * Each rule returns the indexes of the chrome lines.
 */
const chromeRules: Record<string, (lines: string[]) => number[]> = {
  // "first 4 lines (site banner, archive title line, 'Select Page', 'Media ID: …')"
  '000_0c311ef2ebfc9d81.txt': (lines) => firstNonBlank(lines, 4),
  '001_7c6d638438a489e2.txt': (lines) => firstNonBlank(lines, 4),
  // "line 'In Foreign' under the title", trailing 'Leave a Comment' … 'dutch politicianjournalist'
  '002_88f02c889378b729.txt': (lines) => [...matching(lines, ['In Foreign']), ...fromMarker(lines, 'Leave a Comment')],
  '003_10340dbef69b5064.txt': () => [],
  // photo caption and byline under the title; everything from 'Related Items' to the end
  '004_3e5b1aeaa37e44e8.txt': (lines) => [
    ...matching(lines.slice(0, 8), ['ISIS militants in Palmyra. File photo', 'ARA News']),
    ...fromMarker(lines, 'Related Items'),
  ],
};

function firstNonBlank(lines: string[], count: number): number[] {
  return lines.flatMap((line, i) => (line.trim() === '' ? [] : [i])).slice(0, count);
}

function matching(lines: string[], texts: string[]): number[] {
  return lines.flatMap((line, i) => (texts.includes(line.trim()) ? [i] : []));
}

function fromMarker(lines: string[], marker: string): number[] {
  const at = lines.findIndex((line) => line.trim() === marker);
  return at === -1 ? [] : lines.map((_, i) => i).slice(at);
}

/** Drops the chrome lines and the blank line that separated each from what followed. */
function withoutChrome(lines: string[], chrome: number[]): string[] {
  const dropped = new Set(chrome);
  for (const i of chrome) if (lines[i + 1]?.trim() === '') dropped.add(i + 1);
  const kept = lines.filter((_, i) => !dropped.has(i));
  while (kept.length > 0 && kept[kept.length - 1]!.trim() === '') kept.pop();
  return kept;
}

const [fromDir = '../shared/seeds', toDir = 'seeds'] = process.argv.slice(2);
const { documents } = JSON.parse(readFileSync(join(fromDir, 'sources.json'), 'utf8')) as { documents: SeedMeta[] };
for (const meta of documents) {
  const rule = chromeRules[meta.file];
  if (!rule) throw new Error(`no chrome rule for ${meta.file}`);
  const captured = readFileSync(join(fromDir, meta.file), 'utf8');
  const lines = captured.split('\n');
  const body = withoutChrome(lines, rule(lines)).join('\n') + '\n';
  const frontMatter: Record<string, string> = { title: meta.title, outlet: meta.outlet, url: meta.url, published: meta.published };
  if (meta.author) frontMatter.author = meta.author;
  const target = join(toDir, basename(meta.file, '.txt') + '.md');
  writeFileSync(target, formatArticle(frontMatter, body));
  console.log(`${meta.file} -> ${target}`);
}
