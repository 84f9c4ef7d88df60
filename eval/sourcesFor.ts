/**
 * "Find sources" on journalists' timeline sentences: `npx tsx eval/sourcesFor.ts [--per 19]`.
 *
 * For each Timeline17 collection (../shared/eval/t17, the tuning share), 19 sentences of its
 * reference timelines (spread evenly over them, the same every run) are given to Find sources,
 * and to the Elasticsearch-style Lucene peer (its first hit) in the same run. A first quote counts
 * when it comes from an article published within 2 days of the sentence's date and holds at least
 * half of the sentence's key names and numbers (capitalised words after the first, and figures).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildInMemory } from '../src/core/verbatim.js';
import { findSources } from '../src/core/findSources.js';
import { collectionNames, t17Available, T17_DIR } from './tls/t17.js';
import { luceneUnavailable } from './systems.js';

const WITHIN_DAYS = 2;

interface Probe {
  date: string;
  sentence: string;
}

/** `per` sentences of a collection's reference timelines, evenly spaced over all of them. */
function probesOf(collection: string, per: number): Probe[] {
  const raw = JSON.parse(readFileSync(`${T17_DIR}${collection}/timelines.json`, 'utf8')) as [string, string[]][][];
  const all = raw.flatMap((tl) => tl.flatMap(([date, sentences]) => sentences.map((sentence) => ({ date: date.slice(0, 10), sentence: sentence.replace(/\s+/g, ' ').trim() }))));
  const step = all.length / per;
  return Array.from({ length: Math.min(per, all.length) }, (_, i) => all[Math.floor(i * step)]!);
}

/** Key names (capitalised words after the first word) and figures of a sentence. */
function keysOf(sentence: string): string[] {
  const words = sentence.match(/[\p{L}\p{N}][\p{L}\p{N},.'’-]*/gu) ?? [];
  const keys = new Set<string>();
  words.forEach((w, i) => {
    const word = w.replace(/[,.'’-]+$/, '');
    if (/^\d/.test(word)) keys.add(word.replace(/,/g, ''));
    else if (i > 0 && /^\p{Lu}/u.test(word) && word.length > 1) keys.add(word);
  });
  return [...keys];
}

function holdsKeys(quote: string, keys: readonly string[]): boolean {
  if (keys.length === 0) return true;
  const text = quote.replace(/(\d),(\d)/g, '$1$2');
  const held = keys.filter((k) => new RegExp(`(^|[^\\p{L}\\p{N}])${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(text)).length;
  return held * 2 >= keys.length;
}

const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

interface Tally {
  probes: number;
  quoted: number;
  near: number;
  keys: number;
  both: number;
}

const empty = (): Tally => ({ probes: 0, quoted: 0, near: 0, keys: 0, both: 0 });

function count(tally: Tally, probe: Probe, first: { text: string; published: string } | undefined): void {
  tally.probes++;
  if (!first) return;
  tally.quoted++;
  const near = daysApart(first.published, probe.date) <= WITHIN_DAYS;
  const keys = holdsKeys(first.text, keysOf(probe.sentence));
  if (near) tally.near++;
  if (keys) tally.keys++;
  if (near && keys) tally.both++;
}

/** The Lucene peer's first hit for each sentence: its paragraph's text as quoted and its article's date. */
function luceneFirst(corpus: string, sentences: string[], published: Map<string, string>): ({ text: string; published: string } | undefined)[] {
  const work = mkdtempSync(join(tmpdir(), 'verbatim-lucene-'));
  try {
    const file = join(work, 'questions.txt');
    writeFileSync(file, sentences.join('\n') + '\n');
    const script = fileURLToPath(new URL('peers/lucene/run.sh', import.meta.url));
    const run = spawnSync('bash', [script, corpus, file, '1', '2'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`Lucene peer failed: ${run.stderr.slice(0, 500)}`);
    return run.stdout
      .trim()
      .split('\n')
      .map((line) => {
        const { passages, snippets } = JSON.parse(line) as { passages: string[]; snippets: string[] };
        const path = passages[0]?.split('#')[0];
        return path && snippets[0] ? { text: snippets[0], published: published.get(path)! } : undefined;
      });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const pct = (n: number, of: number) => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)} %`);

export function sourcesForEvaluation(per = 19): string[] {
  if (!t17Available()) return [`Timeline17 not found at ${T17_DIR}: Find sources evaluation skipped.`];
  const lucene = luceneUnavailable();
  const verbatim = empty();
  const peer = empty();
  let noClaim = 0;
  for (const name of collectionNames()) {
    const corpus = `${T17_DIR}${name}/corpus`;
    const library = buildInMemory(corpus);
    const published = new Map(library.corpus.documents.map((d) => [d.path, d.published]));
    const probes = probesOf(name, per);
    for (const probe of probes) {
      const [claim] = findSources(library.index, probe.sentence).claims;
      if (!claim) noClaim++;
      const first = claim?.quotes[0];
      count(verbatim, probe, first ? { text: first.quote, published: first.document.published } : undefined);
    }
    if (!lucene) luceneFirst(corpus, probes.map((p) => p.sentence), published).forEach((first, i) => count(peer, probes[i]!, first));
  }
  const row = (system: string, t: Tally) => `| ${system} | ${t.probes} | ${pct(t.quoted, t.probes)} | ${pct(t.near, t.probes)} | ${pct(t.keys, t.probes)} | **${pct(t.both, t.probes)}** |`;
  return [
    `### Find sources on Timeline17 reference sentences (${per} per collection, ${collectionNames().length} collections)`,
    '',
    `A first quote counts when its article was published within ${WITHIN_DAYS} days of the sentence's date and it holds at least half of the sentence's key names and numbers.`,
    '',
    '| system | sentences | quoted | within 2 days | holds the key names and numbers | both |',
    '|---|---:|---:|---:|---:|---:|',
    row('Verbatim Find sources', verbatim),
    ...(lucene ? [`| Lucene peer | skipped: ${lucene} | | | | |`] : [row('Lucene peer (ES-style, first hit)', peer)]),
    '',
    `Verbatim found no checkable claim in ${noClaim} of ${verbatim.probes} sentences (counted as not quoted).`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const { values } = parseArgs({ options: { per: { type: 'string', default: '19' } } });
  console.log(sourcesForEvaluation(Number(values.per)).join('\n'));
}
