/** One colour per outlet, stable across runs and faces, so readers learn to spot a source. */
const PALETTE = [0x5865f2, 0x3ba55c, 0xe67e22, 0xeb459e, 0xed4245, 0x00a8fc, 0x9b59b6, 0xf0b232, 0x1abc9c, 0x7f8c8d];

export function outletColour(outlet: string): number {
  let hash = 0;
  for (const ch of outlet) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

export function cssColour(colour: number): string {
  return `#${colour.toString(16).padStart(6, '0')}`;
}
