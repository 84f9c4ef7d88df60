import type { Passage } from './types.js';
import { documentRef, type Document, type DocumentRef } from './types.js';

interface SourceDocument extends DocumentRef {
  passages: number;
}

export interface Outlet {
  outlet: string;
  documents: SourceDocument[];
}

/** Outlets in alphabetical order, each with its articles, oldest first. */
export function listSources(documents: readonly Document[], passages: readonly Passage[]): Outlet[] {
  const counts = new Map<string, number>();
  for (const passage of passages) counts.set(passage.document.id, (counts.get(passage.document.id) ?? 0) + 1);
  const byOutlet = new Map<string, SourceDocument[]>();
  for (const document of documents) {
    const list = byOutlet.get(document.outlet) ?? [];
    list.push({ ...documentRef(document), passages: counts.get(document.id) ?? 0 });
    byOutlet.set(document.outlet, list);
  }
  return [...byOutlet.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outlet, list]) => ({
      outlet,
      documents: list.sort((a, b) => a.published.localeCompare(b.published) || a.title.localeCompare(b.title)),
    }));
}
