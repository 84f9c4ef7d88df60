import { analyze, lemmaOf } from './analyzer.js';
import type { VerbatimQuote } from './types.js';
import { addTo } from './groups.js';

/** A counted quantity in a sentence: "more than 4,000 armed fighters" → 4000 fighter. */
interface Figure {
  value: number;
  unit: string;
  /** Offsets of the number and its noun within the sentence. */
  start: number;
  end: number;
}

/** Sentences from different outlets giving different figures for the same kind of thing. */
export interface FigureDisagreement {
  unit: string;
  quotes: (VerbatimQuote & { figure: Figure })[];
}

/** Verbs that report a figure rather than say what it is about (general English usage). */
export const REPORTING = new Set(['say', 'tell', 'report', 'state', 'add', 'accord', 'announce', 'quote', 'claim']);
/** A number and the three words after it: the counted noun may follow a name or an adjective. */
const COUNTED = /\b(\d{1,3}(?:,\d{3})+|\d+)((?:\s+[\p{L}’'-]+){1,3})/gu;
/** Two figures this close are the same figure rounded, not a disagreement. */
const SAME_FIGURE_RATIO = 1.5;
/**
 * Shared context words (beyond the number, its noun and reporting verbs) that make two figures
 * about the same thing: two common words ("earlier" and a name) are not enough.
 */
const MIN_SHARED_CONTEXT = 3;

/** Two values this close are one figure rounded (4,000 and "more than 3,500"). */
export function sameFigure(a: number, b: number): boolean {
  return Math.max(a, b) / Math.max(1, Math.min(a, b)) <= SAME_FIGURE_RATIO;
}

function figuresIn(sentence: string): Figure[] {
  const figures: Figure[] = [];
  for (const m of sentence.matchAll(COUNTED)) {
    // The counted thing is the first following word written in the plural ("4,000 armed
    // fighters"); "3 day campaign" counts nothing. Its lemma is the unit, so only like is compared.
    const words = [...m[2]!.matchAll(/[\p{L}’'-]+/gu)];
    const plural = (word: string) => /\p{Ll}s$/u.test(word) && lemmaOf(word.toLowerCase()) !== word.toLowerCase();
    const noun = words.find((w) => plural(w[0]));
    if (!noun) continue;
    const end = m.index + m[1]!.length + noun.index + noun[0].length;
    figures.push({ value: Number(m[1]!.replace(/,/g, '')), unit: lemmaOf(noun[0].toLowerCase()), start: m.index, end });
  }
  return figures;
}

/** What a sentence is about, apart from its counts: no numbers, counted nouns or reporting verbs. */
function context(sentence: string, figures: readonly Figure[]): Set<string> {
  const units = new Set(figures.map((f) => f.unit));
  return new Set(analyze(sentence).filter((t) => !REPORTING.has(t) && !units.has(t) && !/^\d+$/.test(t)));
}

/** One figure of a sentence, with what the sentence is about: what pairFigures compares. */
export interface FigureItem extends VerbatimQuote {
  figure: Figure;
  context: Set<string>;
}

/** The figures a sentence gives, each with the sentence's context (none for most sentences). */
export function figureItems(source: VerbatimQuote): FigureItem[] {
  const figures = figuresIn(source.quote);
  if (figures.length === 0) return [];
  const about = context(source.quote, figures);
  return figures.map((figure) => ({ ...source, figure, context: about }));
}

/**
 * Pairs of sentences from different outlets that count the same kind of thing (same unit class,
 * at least two shared context words) with figures that differ by more than rounding. Each is
 * shown as the outlets wrote it; Verbatim never says which is right.
 */
export function figureDisagreements(sources: VerbatimQuote[]): FigureDisagreement[] {
  return pairFigures(sources.flatMap(figureItems));
}

/** figureDisagreements over figures already read (see figureItems), in their order. */
export function pairFigures(items: readonly FigureItem[]): FigureDisagreement[] {
  // Only figures of one unit are compared: index them by unit rather than try every pair.
  const byUnit = new Map<string, number[]>();
  items.forEach((item, i) => addTo(byUnit, item.figure.unit, i));
  const found: FigureDisagreement[] = [];
  const used = new Set<number>();
  for (let i = 0; i < items.length; i++) {
    if (used.has(i)) continue;
    const a = items[i]!;
    const group = [a];
    for (const j of byUnit.get(a.figure.unit)!) {
      if (j <= i) continue;
      const b = items[j]!;
      if (used.has(j) || group.some((g) => g.document.outlet === b.document.outlet)) continue;
      if (sameFigure(a.figure.value, b.figure.value)) continue;
      let shared = 0;
      for (const t of a.context) if (b.context.has(t)) shared++;
      if (shared >= MIN_SHARED_CONTEXT) {
        group.push(b);
        used.add(j);
      }
    }
    if (group.length > 1) {
      used.add(i);
      found.push({ unit: a.figure.unit, quotes: group.map(({ quote, start, end, document, figure }) => ({ quote, start, end, document, figure })) });
    }
  }
  // Two figures in the same pair of sentences make one disagreement to show, not two.
  const shown = new Set<string>();
  return found.filter((d) => {
    const key = d.quotes.map((q) => `${q.document.id}:${q.start}`).sort().join('|');
    if (shown.has(key)) return false;
    shown.add(key);
    return true;
  });
}
