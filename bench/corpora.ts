import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { brownTexts, sotuTexts, type SourceText } from './sources.js';

/** Characters of article text per passage, measured on these texts (16.7 M chars → 49,843 passages). */
const CHARS_PER_PASSAGE = 336;

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
  const dir = join(root, `${passages}`);
  const texts: SourceText[] = [...brownTexts(), ...sotuTexts()];
  const wanted = passages * CHARS_PER_PASSAGE;
  const chosen: (SourceText & { copy: number })[] = [];
  let chars = 0;
  for (let copy = 0; chars < wanted; copy++) {
    for (const text of texts) {
      if (chars >= wanted) break;
      chosen.push({ ...text, copy });
      chars += text.body.length;
    }
  }
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
      writeFileSync(join(dir, `${text.id}${suffix}.md`), matter.stringify(text.body, front));
    }
    writeFileSync(marker, '');
  }
  return { dir, articles: readdirSync(dir).filter((f) => f.endsWith('.md')).length, copies: Math.max(...chosen.map((c) => c.copy)) + 1 };
}
