// Term ids shared by every segment of a live index: a sorted base and the terms added after it.
import { lowerBound } from './nearForms.js';

/**
 * Term ids for a live index. The base (the vocabulary of a full build) is sorted, so its ids are
 * its order; a term first met in a later segment gets the next id. Ids never change while the
 * process runs, so segments, snapshots and caches built on them stay valid; a snapshot sees the
 * terms that existed when it was made (see `view`).
 */
export class TermDictionary {
  private readonly added: string[] = [];
  private readonly addedIds = new Map<string, number>();
  private sortedAdded: string[] | undefined;

  constructor(private readonly base: readonly string[]) {}

  /** The id of a term, adding it when it is new. */
  intern(term: string): number {
    const id = this.idOf(term, this.size);
    if (id !== undefined) return id;
    const next = this.size;
    this.added.push(term);
    this.addedIds.set(term, next);
    this.sortedAdded = undefined;
    return next;
  }

  get size(): number {
    return this.base.length + this.added.length;
  }

  /** The id of a term among the first `size` ids. */
  idOf(term: string, size: number): number | undefined {
    const at = lowerBound(this.base, term);
    if (this.base[at] === term) return at;
    const id = this.addedIds.get(term);
    return id !== undefined && id < size ? id : undefined;
  }

  term(id: number): string {
    return id < this.base.length ? this.base[id]! : this.added[id - this.base.length]!;
  }

  /** The terms added after the base, from `from` on (what a segment file records). */
  addedSince(from: number): string[] {
    return this.added.slice(Math.max(0, from - this.base.length));
  }

  /** The dictionary as a snapshot sees it: the first `size` ids, with sorted lists for prefix scans. */
  view(): DictionaryView {
    const size = this.size;
    const addedSorted = (this.sortedAdded ??= this.added.slice().sort());
    return {
      size,
      idOf: (term) => this.idOf(term, size),
      term: (id) => this.term(id),
      sortedLists: addedSorted.length === 0 ? [this.base] : [this.base, addedSorted],
    };
  }
}

export interface DictionaryView {
  readonly size: number;
  idOf(term: string): number | undefined;
  term(id: number): string;
  /** Every term, as sorted lists (the base, then the added terms): near forms and spelling scan them by prefix. */
  readonly sortedLists: readonly (readonly string[])[];
}
