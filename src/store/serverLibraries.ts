// Each server's searchable library: the base library (if the server searches it) and the server's own articles, kept in memory least-recently-used first out.
import { createHash } from 'node:crypto';
import type { Verbatim } from '../core/verbatim.js';
import { verbatimOfDocuments } from '../core/verbatim.js';
import type { Document } from '../core/types.js';
import { compactAnalysis, expandAnalysis, type StoredAnalysis } from '../core/analyzeCorpus.js';
import { analysisKey } from '../core/indexStore.js';
import type { LibraryStore } from './libraryStore.js';

/** Where a server's own articles sit among the base's (their paths and ids start with it). */
export const SERVER_ARTICLES = 'server/';

interface Loaded {
  verbatim: Verbatim;
  /** The base library it was forked from: when the base changes, it is made again. */
  base: Verbatim | undefined;
  bytes: number;
}

/**
 * What a loaded library costs in memory, roughly: its own articles' text, analysis and index
 * (about 35 times the text: 200 libraries of 50 short articles took 2.6 MB each in
 * bench/libraries.ts) and, forked from the base, a few tables of about 30 bytes a base passage.
 */
function estimatedBytes(own: readonly Document[], base: Verbatim | undefined): number {
  return own.reduce((n, d) => n + d.body.length * 35, 0) + (base ? base.index.passages.length * 30 : 0);
}

const digestOf = (d: Document) => createHash('sha1').update(`${d.title}\n${d.outlet}\n${d.url}\n${d.published}\n${d.author ?? ''}\n${d.body}`).digest('hex');

/**
 * The libraries of the servers this process serves. A server's library is made when first asked
 * (its articles from the database, analysed, on the base library if it searches it) and kept
 * until the memory budget needs room for another; the base library is shared by all and loaded
 * once. A server that has no articles of its own and searches the base is served the base itself.
 */
export class ServerLibraries {
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<Verbatim>>();

  constructor(
    private readonly store: LibraryStore,
    /** The base library as it is now (it changes on reload). */
    private readonly base: () => Verbatim,
    private readonly budgetBytes: number,
  ) {}

  /** Bytes the loaded libraries are estimated to hold (see estimatedBytes). */
  get loadedBytes(): number {
    let total = 0;
    for (const entry of this.loaded.values()) total += entry.bytes;
    return total;
  }

  get loadedCount(): number {
    return this.loaded.size;
  }

  /** The library a server's members search; a direct message (no server) searches the base. */
  async verbatimFor(serverId: string | null): Promise<Verbatim> {
    if (serverId === null) return this.base();
    const entry = this.loaded.get(serverId);
    if (entry && entry.base === (entry.base ? this.base() : undefined)) {
      // Most recently used last: eviction takes from the front.
      this.loaded.delete(serverId);
      this.loaded.set(serverId, entry);
      return entry.verbatim;
    }
    let pending = this.loading.get(serverId);
    if (!pending) {
      const loading = this.load(serverId).finally(() => {
        if (this.loading.get(serverId) === loading) this.loading.delete(serverId);
      });
      this.loading.set(serverId, (pending = loading));
    }
    return pending;
  }

  /** Forgets a server's loaded library (the bot left the server): the next question loads it again. */
  forget(serverId: string): void {
    this.loaded.delete(serverId);
  }

  /**
   * The server's articles or settings changed: a loaded library takes the difference (only added
   * articles are analysed, removed ones leave); one not loaded is left for its next question.
   * Changes to one server apply one after another.
   */
  async changed(serverId: string): Promise<void> {
    const before = this.loading.get(serverId);
    if (!before && !this.loaded.has(serverId)) return;
    const pending = (before ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.load(serverId))
      .finally(() => {
        if (this.loading.get(serverId) === pending) this.loading.delete(serverId);
      });
    this.loading.set(serverId, pending);
    await pending;
  }

  /** Makes a server's library, or brings the loaded one up to date when it was forked from the same base. */
  private async load(serverId: string): Promise<Verbatim> {
    const [settings, stored] = await Promise.all([this.store.settings(serverId), this.store.documents(serverId)]);
    const own = stored.map((d) => ({ ...d, id: SERVER_ARTICLES + d.id, path: SERVER_ARTICLES + d.path }));
    const base = settings.searchBase ? this.base() : undefined;
    const previous = this.loaded.get(serverId);
    if (base && own.length === 0) {
      // Kept too, so the next question does not ask the database again; it costs nothing of its own.
      this.loaded.delete(serverId);
      this.loaded.set(serverId, { verbatim: base, base, bytes: 0 });
      return base;
    }
    const ownDigests = own.map((d) => [d.path, digestOf(d)] as const);
    // A library that was the base itself (no articles of its own) is forked now: the base is never
    // changed. Without the base, an empty library takes the articles: either way they are analysed
    // as an update is, in steps (and on worker threads when many), never in one long turn.
    const from =
      previous && previous.base === base && previous.verbatim !== base ? previous.verbatim : (base?.fork() ?? verbatimOfDocuments(`library:${serverId}`, [], new Map()));
    const documents = [...(base?.corpus.documents ?? []), ...own];
    const digests = new Map([...(base?.corpus.digests ?? []), ...ownDigests]);
    // Articles analysed before (when added, or at an earlier load) are not analysed again.
    const version = analysisKey();
    const kept = await this.store.analyses(serverId, version);
    const known = (d: Document) => {
      const data = d.path.startsWith(SERVER_ARTICLES) ? kept.get(d.path.slice(SERVER_ARTICLES.length)) : undefined;
      return data === undefined ? undefined : expandAnalysis(JSON.parse(data) as StoredAnalysis);
    };
    const update = await from.update({ ...from.corpus, documents, digests }, undefined, known);
    const verbatim = update.verbatim;
    const fresh = [...(update.analyzedNow ?? [])].filter(([path]) => path.startsWith(SERVER_ARTICLES));
    // Kept in the background; a failure only means the next load analyses them again.
    if (fresh.length > 0) {
      void this.store.saveAnalyses(serverId, version, fresh.map(([path, analysis]) => [path.slice(SERVER_ARTICLES.length), JSON.stringify(compactAnalysis(analysis))] as const)).catch(() => undefined);
    }
    this.loaded.delete(serverId);
    this.loaded.set(serverId, { verbatim, base, bytes: estimatedBytes(own, base) });
    this.evict(serverId);
    return verbatim;
  }

  /** Least recently used out until the loaded libraries fit the budget (the one just loaded stays). */
  private evict(keep: string): void {
    for (const [serverId] of this.loaded) {
      if (this.loadedBytes <= this.budgetBytes) return;
      if (serverId !== keep) this.loaded.delete(serverId);
    }
  }
}
