// Each server's searchable library: the base library (if the server searches it) and the server's own articles, kept in memory least-recently-used first out.
import { createHash } from 'node:crypto';
import type { Verbatim } from '../core/verbatim.js';
import { verbatimOfDocuments } from '../core/verbatim.js';
import type { Document } from '../core/types.js';
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
  private loading = new Map<string, Promise<Verbatim>>();

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
      pending = this.load(serverId).finally(() => this.loading.delete(serverId));
      this.loading.set(serverId, pending);
    }
    return pending;
  }

  /** Forgets a server's loaded library (its articles or settings changed): the next question loads it again. */
  forget(serverId: string): void {
    this.loaded.delete(serverId);
  }

  private async load(serverId: string): Promise<Verbatim> {
    const [settings, stored] = await Promise.all([this.store.settings(serverId), this.store.documents(serverId)]);
    const own = stored.map((d) => ({ ...d, id: SERVER_ARTICLES + d.id, path: SERVER_ARTICLES + d.path }));
    const base = settings.searchBase ? this.base() : undefined;
    if (base && own.length === 0) return base;
    let verbatim: Verbatim;
    if (base) {
      const documents = [...base.corpus.documents, ...own];
      const digests = new Map([...base.corpus.digests, ...own.map((d) => [d.path, digestOf(d)] as const)]);
      verbatim = (await base.fork().update({ ...base.corpus, documents, digests })).verbatim;
    } else {
      verbatim = verbatimOfDocuments(`library:${serverId}`, own, new Map(own.map((d) => [d.path, digestOf(d)])));
    }
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
