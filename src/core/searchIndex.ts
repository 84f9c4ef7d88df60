import bm25 from 'wink-bm25-text-search';
import { analyze } from './analyzer.js';
import type { Passage } from './types.js';

export interface SearchFilter {
  /** Keep only passages of this outlet (exact name). */
  outlet?: string;
  /** Keep only passages of documents published on or after / before this ISO date. */
  from?: string;
  to?: string;
}

export interface SearchHit {
  passage: Passage;
  score: number;
  /** The query terms found in the passage or its document's title. */
  matched: string[];
}

export interface PassageIndex {
  passages: readonly Passage[];
  /** Ranked passages for already-analysed query terms, best first. */
  search(terms: string[], limit: number, filter?: SearchFilter): SearchHit[];
  /** Inverse document frequency of a term over passages; unseen terms get the highest value. */
  idf(term: string): number;
}

/** Field weights: the headline counts, but less than the passage's own words. */
export const FIELD_WEIGHTS = { title: 0.5, body: 1 } as const;
export const BM25_PARAMS = { k1: 1.2, b: 0.75, k: 1 } as const;

/** wink-bm25-text-search refuses to consolidate fewer documents than this. */
const WINK_MIN_DOCUMENTS = 3;

const splitTerms = (text: string): string[] => (text === '' ? [] : text.split(' '));

/**
 * Indexes passages with wink-bm25-text-search over two fields, title and body. Text is analysed
 * once here (analyzer.ts); wink only splits the prepared terms, so queries and passages meet on
 * exactly the same terms.
 */
export function buildIndex(passages: readonly Passage[]): PassageIndex {
  const engine = bm25();
  engine.defineConfig({ fldWeights: { ...FIELD_WEIGHTS }, bm25Params: { ...BM25_PARAMS }, ovFldNames: ['outlet', 'published'] });
  engine.definePrepTasks([splitTerms]);

  const titleTerms = new Map<string, string[]>();
  const termSets: Set<string>[] = [];
  const documentFrequency = new Map<string, number>();
  for (const passage of passages) {
    const { document } = passage;
    let title = titleTerms.get(document.id);
    if (!title) titleTerms.set(document.id, (title = analyze(document.title)));
    const body = analyze(document.body.slice(passage.start, passage.end));
    const terms = new Set([...title, ...body]);
    termSets.push(terms);
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    engine.addDoc({ title: title.join(' '), body: body.join(' '), outlet: document.outlet, published: document.published }, passage.id);
  }
  // Empty stand-ins let a one-article corpus load; they hold no term, so they never match.
  for (let pad = passages.length; pad < WINK_MIN_DOCUMENTS; pad++) {
    engine.addDoc({ title: '', body: '', outlet: '', published: '' }, `pad-${pad}`);
  }
  engine.consolidate();

  const total = Math.max(passages.length, 1);
  const idf = (term: string) => {
    const df = documentFrequency.get(term) ?? 0;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  };

  return {
    passages,
    idf,
    search(terms, limit, filter = {}) {
      if (terms.length === 0 || limit <= 0) return [];
      const unique = [...new Set(terms)];
      const keep = (values: { outlet: string; published: string }) =>
        values.outlet !== '' &&
        (filter.outlet === undefined || values.outlet === filter.outlet) &&
        (filter.from === undefined || values.published >= filter.from) &&
        (filter.to === undefined || values.published <= filter.to);
      const results = engine.search(unique.join(' '), limit, keep) as [string, number][];
      return results.map(([id, score]) => {
        const passage = passages[Number(id)]!;
        const terms = termSets[passage.id]!;
        return { passage, score, matched: unique.filter((t) => terms.has(t)) };
      });
    },
  };
}
