import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import type { Verbatim } from '../src/core/verbatim.js';
import type { Passage } from '../src/core/types.js';
import { baselineSearch } from './baseline.js';
import type { Answerer } from './metrics.js';

export function verbatimAnswerer(verbatim: Verbatim): Answerer {
  return (q) => verbatim.ask(q, { limit: 3 }).answers.map((a) => a.quote);
}

export function winkBaselineAnswerer(passages: readonly Passage[]): Answerer {
  const search = baselineSearch(passages);
  return (q) => search(q, 3);
}

/** minisearch with its defaults over the same passages, quoting the passage. */
export function minisearchAnswerer(passages: readonly Passage[]): Answerer {
  const text = (p: Passage) => p.document.body.slice(p.start, p.end);
  const engine = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  engine.addAll(passages.map((p) => ({ id: p.id, text: text(p) })));
  return (q) => engine.search(q).slice(0, 3).map((hit) => text(passages[hit.id as number]!));
}

const LUCENE_JARS = ['core', 'analyzers-common', 'queryparser', 'highlighter', 'queries', 'memory'].map((n) => `/usr/share/java/lucene-${n}-8.7.0.jar`);

/** Why the Lucene peer cannot run here, or undefined when it can. */
export function luceneUnavailable(): string | undefined {
  const javac = spawnSync('javac', ['-version'], { encoding: 'utf8' });
  if (javac.error || javac.status !== 0) return 'no Java compiler (apt-get install default-jdk-headless)';
  const missing = LUCENE_JARS.find((jar) => !existsSync(jar));
  return missing ? `no Lucene 8 (${missing}; apt-get install liblucene8-java)` : undefined;
}

/**
 * The Elasticsearch-style peer (peers/lucene): Lucene 8 BM25 over the corpus's paragraphs, quoting
 * the highlighter's best two sentences of each hit. All questions run in one Java process.
 */
export function luceneAnswers(corpus: string, questions: readonly string[]): Map<string, string[]> {
  const work = mkdtempSync(join(tmpdir(), 'verbatim-lucene-'));
  try {
    const file = join(work, 'questions.txt');
    writeFileSync(file, questions.map((q) => q.replace(/\s+/g, ' ')).join('\n') + '\n');
    const script = fileURLToPath(new URL('peers/lucene/run.sh', import.meta.url));
    const run = spawnSync('bash', [script, corpus, file, '3', '2'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`Lucene peer failed: ${run.stderr.slice(0, 500)}`);
    const lines = run.stdout.trim().split('\n');
    const answers = new Map<string, string[]>();
    questions.forEach((q, i) => answers.set(q, (JSON.parse(lines[i] ?? '{"snippets":[]}') as { snippets: string[] }).snippets.filter((s) => s !== '')));
    return answers;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

