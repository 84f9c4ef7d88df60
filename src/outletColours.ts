/** One colour per outlet, stable across runs and faces, so readers learn to spot a source. */
const PALETTE = [0x5865f2, 0x3ba55c, 0xe67e22, 0xeb459e, 0xed4245, 0x00a8fc, 0x9b59b6, 0xf0b232, 0x1abc9c, 0x7f8c8d];

export function outletColour(outlet: string): number {
  let hash = 0;
  for (const ch of outlet) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

/**
 * A colour for each of these outlets, different for up to PALETTE.length of them (in name
 * order), as a picture's legend needs; outlets beyond that share the hashed colours.
 */
export function distinctOutletColours(outlets: readonly string[]): Map<string, number> {
  const sorted = [...new Set(outlets)].sort((a, b) => a.localeCompare(b));
  return new Map(sorted.map((outlet, i) => [outlet, i < PALETTE.length ? PALETTE[i]! : outletColour(outlet)]));
}

export function cssColour(colour: number): string {
  return `#${colour.toString(16).padStart(6, '0')}`;
}
