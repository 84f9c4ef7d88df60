import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibraryStore } from '../src/store/libraryStore.js';
import { SERVER_ARTICLES, ServerLibraries } from '../src/store/serverLibraries.js';
import { buildInMemory } from '../src/core/verbatim.js';
import { BUNDLED_CORPUS } from '../src/corpusDir.js';
import type { Document } from '../src/core/types.js';
import { analysisKey } from '../src/core/indexStore.js';

const scratch = mkdtempSync(join(tmpdir(), 'verbatim-libraries-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const QUOTAS = { articles: 100, bytes: 10_000_000, feeds: 10, keepDays: 30 };

const ARTICLES: Record<string, Omit<Document, 'id'>> = {
  '100000000000000001': { title: 'Lighthouse keeper rows to the island', outlet: 'Coastal Times', url: 'https://coastal.example/lighthouse', published: '2024-03-05', path: 'lighthouse.md', body: 'The lighthouse keeper rowed to the island on Tuesday to repair the lamp.\n' },
  '100000000000000002': { title: 'Orchard growers count a record harvest', outlet: 'Valley Weekly', url: 'https://valley.example/orchard', published: '2024-10-12', path: 'orchard.md', body: 'Orchard growers counted a record apple harvest of 40,000 tonnes this autumn.\n' },
  '100000000000000003': { title: 'Ferry cancelled by the storm', outlet: 'Harbour News', url: 'https://harbour.example/ferry', published: '2024-01-20', path: 'ferry.md', body: 'The ferry to the mainland was cancelled on Friday when the storm reached the harbour.\n' },
};

describe('each server searches the base library and its own articles, never another server\'s', async () => {
  const store = await LibraryStore.open({ sqlitePath: join(scratch, 'libraries.sqlite') }, QUOTAS);
  afterAll(() => store.close());
  let base = buildInMemory(BUNDLED_CORPUS);
  for (const [server, article] of Object.entries(ARTICLES)) await store.addArticle(server, article);
  const libraries = new ServerLibraries(store, () => base, 50_000_000);
  const questions = { '100000000000000001': 'who rowed to the island', '100000000000000002': 'what record harvest did orchard growers count', '100000000000000003': 'why was the ferry cancelled' };

  it('answers each server from its own article and the base, and no other server\'s', async () => {
    for (const [server, question] of Object.entries(questions)) {
      const mine = await libraries.verbatimFor(server);
      expect(mine.ask(question).answers[0]!.document.path).toBe(SERVER_ARTICLES + ARTICLES[server]!.path);
      expect((await libraries.verbatimFor(server)).ask('who retook Palmyra').status).toBe('answered');
      for (const [other, theirs] of Object.entries(questions)) {
        if (other === server) continue;
        expect(mine.ask(theirs, { limit: 10 }).answers.map((a) => a.document.url)).not.toContain(ARTICLES[other]!.url);
      }
      const listed = mine.sources().flatMap((o) => o.documents.map((d) => d.url));
      expect(listed).toContain(ARTICLES[server]!.url);
      for (const [other, article] of Object.entries(ARTICLES)) if (other !== server) expect(listed).not.toContain(article.url);
      expect(mine.keyPhrases()).toContain(ARTICLES[server]!.title);
      for (const [other, article] of Object.entries(ARTICLES)) if (other !== server) expect(mine.keyPhrases()).not.toContain(article.title);
      expect(mine.timeline().events.flatMap((e) => e.quotes.map((q) => q.document.url)).filter((url) => Object.values(ARTICLES).some((a) => a.url === url))).not.toContain(
        Object.entries(ARTICLES).find(([other]) => other !== server)![1].url,
      );
    }
    // The base itself, and a direct message, know none of them.
    for (const question of Object.values(questions)) expect((await libraries.verbatimFor(null)).ask(question, { limit: 10 }).answers.map((a) => a.document.path)).not.toContain(expect.stringMatching(/^server\//));
    // A server without articles of its own is served the base itself, nothing copied.
    expect(await libraries.verbatimFor('100000000000000009')).toBe(base);
  });

  it('takes a change as the difference: a first article forks the base (never changes it), a removal leaves', async () => {
    const server = '100000000000000007';
    const articlesBefore = base.corpus.documents.length;
    expect(await libraries.verbatimFor(server)).toBe(base);
    await store.addArticle(server, { ...ARTICLES['100000000000000003']!, url: 'https://harbour.example/ferry-2', path: 'ferry-2.md' });
    await libraries.changed(server);
    const own = await libraries.verbatimFor(server);
    expect(own).not.toBe(base);
    expect(own.ask('why was the ferry cancelled').answers[0]!.document.path).toBe(`${SERVER_ARTICLES}ferry-2.md`);
    expect(base.corpus.documents).toHaveLength(articlesBefore);
    // The base's own corpus, behind every snapshot, is as it was: updating it to itself changes nothing.
    expect(await base.update(base.corpus)).toMatchObject({ added: 0, removed: 0 });
    expect(base.ask('why was the ferry cancelled', { limit: 10 }).answers.map((a) => a.document.path)).not.toContain(`${SERVER_ARTICLES}ferry-2.md`);
    await store.removeArticle(server, 'ferry-2.md');
    await libraries.changed(server);
    expect((await libraries.verbatimFor(server)).ask('why was the ferry cancelled', { limit: 10 }).answers.map((a) => a.document.path)).not.toContain(`${SERVER_ARTICLES}ferry-2.md`);
  });

  it('keeps each article\'s analysis, so a library loads again without analysing its articles', async () => {
    const server = '100000000000000001';
    await libraries.verbatimFor(server);
    // Saved in the background after the first load.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const kept = await store.analyses(server, analysisKey());
    expect([...kept.keys()]).toEqual(['lighthouse.md']);
    // A kept analysis is used as it is: one whose terms were changed shows the change in a fresh load.
    const changed = JSON.parse(kept.get('lighthouse.md')!) as { sentenceTerms: string[] };
    changed.sentenceTerms[0] += ' zeppelin';
    await store.saveAnalyses(server, analysisKey(), [['lighthouse.md', JSON.stringify(changed)]]);
    const cold = new ServerLibraries(store, () => base, 50_000_000);
    expect((await cold.verbatimFor(server)).ask('zeppelin lighthouse keeper').answers[0]?.document.path).toBe(`${SERVER_ARTICLES}lighthouse.md`);
    // One made by another analysis is not used.
    await store.saveAnalyses(server, 'another analysis', [['lighthouse.md', JSON.stringify(changed)]]);
    const again = new ServerLibraries(store, () => base, 50_000_000);
    expect((await again.verbatimFor(server)).ask('zeppelin').status).not.toBe('answered');
  });

  it('leaves the base out for a server that turned it off', async () => {
    await store.updateSettings('100000000000000002', { searchBase: false });
    libraries.forget('100000000000000002');
    const orchard = await libraries.verbatimFor('100000000000000002');
    expect(orchard.ask('who retook Palmyra').status).not.toBe('answered');
    expect(orchard.ask('what record harvest did orchard growers count').answers[0]!.document.path).toBe(`${SERVER_ARTICLES}orchard.md`);
    expect(orchard.sources().flatMap((o) => o.documents)).toHaveLength(1);
  });

  it('keeps the most recently used within its memory budget, and makes a library again after the base changes', async () => {
    const small = new ServerLibraries(store, () => base, 1);
    await small.verbatimFor('100000000000000001');
    await small.verbatimFor('100000000000000003');
    expect(small.loadedCount).toBe(1);
    const first = await small.verbatimFor('100000000000000003');
    expect(await small.verbatimFor('100000000000000003')).toBe(first);
    base = buildInMemory(BUNDLED_CORPUS);
    const again = await small.verbatimFor('100000000000000003');
    expect(again).not.toBe(first);
    expect(again.ask('why was the ferry cancelled').answers[0]!.document.path).toBe(`${SERVER_ARTICLES}ferry.md`);
  });
});
