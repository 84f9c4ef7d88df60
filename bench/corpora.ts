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
  const dir = join(root, `${passages}`);
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
