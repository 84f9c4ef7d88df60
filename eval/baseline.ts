import bm25 from 'wink-bm25-text-search';
import type { ItsFunction } from 'wink-nlp';
import { nlp } from '../src/core/nlp.js';
import type { Passage } from '../src/core/types.js';

/**
 * The plain baseline Verbatim must beat: wink-bm25-text-search over the passage text only (no
 * title field) with lowercase, wink-nlp's stop words and Porter stems — no lemmas, no hyphen or
 * apostrophe handling, no synonyms, no abstention beyond "no word matched".
 */
export function baselineSearch(passages: readonly Passage[]): (question: string, limit: number) => string[] {
  const winkNlp = nlp();
  const its = winkNlp.its;
  const prepare = (text: string): string[] => {
    const tokens = winkNlp.readDoc(text.toLowerCase()).tokens().filter((t) => t.out(its.type) === 'word' && !t.out(its.stopWordFlag));
    return tokens.out(its.stem as ItsFunction<string>) as string[];
  };
  const engine = bm25();
  engine.defineConfig({ fldWeights: { body: 1 } });
  engine.definePrepTasks([prepare]);
  for (const p of passages) engine.addDoc({ body: p.document.body.slice(p.start, p.end) }, p.id);
  engine.consolidate();
  return (question, limit) => engine.search(question, limit).map(([id]) => {
    const p = passages[Number(id)]!;
    return p.document.body.slice(p.start, p.end);
  });
}
