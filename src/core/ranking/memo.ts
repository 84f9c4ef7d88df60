import type { PassageIndex } from '../searchIndex.js';

/** A cache kept on the index it belongs to: a reload's new index starts empty, and the old one's goes with it. */
export function memo<T>(index: PassageIndex, name: string, make: () => T): T {
  let value = index.memos.get(name) as T | undefined;
  if (value === undefined) index.memos.set(name, (value = make()));
  return value;
}
