/**
 * Are two sentences reports of the same thing? At least this many shared content words, making
 * at least this share of the shorter one's words. Measured on the seeds (README, "The timeline"):
 * true duplicates across outlets share 3-4 words at 36-50 %; the closest distinct events of one
 * day share 3 words at 27 % or 2 at 29 %.
 */
export const SAME_REPORT_MIN_SHARED = 3;
const SAME_REPORT_MIN_OVERLAP = 0.34;

export function sameReport<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared >= SAME_REPORT_MIN_SHARED && shared / Math.min(a.size, b.size) >= SAME_REPORT_MIN_OVERLAP;
}
