import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatArticle } from '../src/core/frontMatter.js';
import { brownTexts, sotuTexts, type SourceText } from './sources.js';

/**
 * About how many passages Verbatim makes of a text: runs of up to 3 sentences per paragraph
 * (sentences counted by their end punctuation; the real split is wink-nlp's).
 */
function estimatePassages(body: string): number {
  return body
    .split(/\n\s*\n|(?<=[.!?:"”])\s*\n/)
    .filter((p) => /\p{L}/u.test(p))
    .reduce((n, p) => n + Math.max(1, Math.ceil((p.match(/[.!?]+["”’)]*(\s|$)/g)?.length ?? 1) / 3)), 0);
}

export interface BenchCorpus {
  dir: string;
  articles: number;
  copies: number;
}

/**
 * A corpus folder of about `passages` passages from the Brown Corpus and the State of the Union
 * addresses, one article per text. Past their ~50k passages the texts are repeated as further
 * articles (their own URLs), which the results say.
 */
export function benchCorpus(root: string, passages: number): BenchCorpus {
  const texts: SourceText[] = [...brownTexts(), ...sotuTexts()];
  const chosen: (SourceText & { copy: number })[] = [];
  let estimated = 0;
  for (let copy = 0; estimated < passages; copy++) {
    for (const text of texts) {
      if (estimated >= passages) break;
      chosen.push({ ...text, copy });
      estimated += estimatePassages(text.body);
    }
  }
  return writeCorpus(join(root, `${passages}`), chosen);
}

/** How many times the Brown Corpus's 500 texts are repeated for the 6M-word start-up corpus: 3,000 articles. */
const BROWN_COPIES = 6;

/** The Brown Corpus alone, its 500 texts repeated BROWN_COPIES times: about 6.2M words in 3,000 Markdown files. */
export function brownCorpus(root: string): BenchCorpus {
  const texts = brownTexts();
  const chosen = Array.from({ length: BROWN_COPIES }, (_, copy) => texts.map((text) => ({ ...text, copy }))).flat();
  return writeCorpus(join(root, 'brown'), chosen);
}

/** Writes the chosen texts as Markdown articles once (a marker says the folder is complete). */
function writeCorpus(dir: string, chosen: (SourceText & { copy: number })[]): BenchCorpus {
  const marker = join(dir, '.complete');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const text of chosen) {
      const suffix = text.copy === 0 ? '' : `-copy${text.copy}`;
      const front = {
        title: text.copy === 0 ? text.title : `${text.title} (copy ${text.copy})`,
        outlet: text.outlet,
        url: `https://bench.verbatim.invalid/${text.id}${suffix}`,
        published: text.published,
      };
      writeFileSync(join(dir, `${text.id}${suffix}.md`), formatArticle(front, text.body));
    }
    writeFileSync(marker, '');
  }
  return { dir, articles: readdirSync(dir).filter((f) => f.endsWith('.md')).length, copies: Math.max(...chosen.map((c) => c.copy)) + 1 };
}
