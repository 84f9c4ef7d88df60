import type { AskResult, Answer } from '../core/ask.js';
import type { SourcesFor } from '../core/findSources.js';
import type { Outlet } from '../core/sources.js';
import type { DocumentRef } from '../core/types.js';
import { quoteSegments } from '../quoteSegments.js';
import { PLAIN, type TextStyle } from '../commandDefinition.js';
import type { Timeline } from '../core/timeline.js';
import type { FigureDisagreement } from '../core/figures.js';
import { formatFuzzyDate } from '../core/dates.js';
import { count } from '../core/wording.js';
import { MESSAGES } from '../messages.js';


/** The quote with its highlighted words styled; the characters themselves are untouched. */
function styleQuote(answer: Pick<Answer, 'quote' | 'start' | 'highlights'>, style: TextStyle): string {
  return quoteSegments(answer.quote, answer.start, answer.highlights)
    .map((s) => (s.highlighted ? style.bold(s.text) : s.text))
    .join('');
}

function citation(document: DocumentRef): string {
  return `— ${document.outlet}, “${document.title}”, ${document.published}\n     ${document.url}`;
}

export function renderAskText(result: AskResult, style: TextStyle): string {
  if (result.status === 'invalid') return result.message;
  if (result.status === 'no-match') return MESSAGES.noMatch;
  const answers = result.answers.map((answer) => {
    const also = answer.alsoReportedBy.map((q) => `\n   ${MESSAGES.alsoReportedBy} ${q.document.outlet}: “${q.quote}”\n     ${q.document.url}`).join('');
    return `${answer.rank}. “${styleQuote(answer, style)}”\n   ${citation(answer.document)}${also}`;
  });
  return [...answers, ...differencesText(result.differences)].join('\n\n');
}

/** Figures the outlets give differently, each quote with its outlet, never reconciled. */
function differencesText(differences: FigureDisagreement[]): string[] {
  return differences.map((d) => [`${MESSAGES.sourcesDiffer}:`, ...d.quotes.map((q) => `  “${q.quote}”\n     — ${q.document.outlet} ${q.document.url}`)].join('\n'));
}

/** Each claim of a text with the quotes that report it, or the fixed line that the library has nothing on it. */
export function renderSourcesForText(result: SourcesFor, style: TextStyle): string {
  if (result.claims.length === 0) return MESSAGES.noClaims;
  const claims = result.claims.map((claim, n) => {
    const head = `${MESSAGES.claimHeading(n + 1)}: “${claim.claim}”`;
    if (claim.quotes.length === 0) return `${head}\n   ${MESSAGES.nothingOnClaim}`;
    const quotes = claim.quotes.map((q, i) => `   ${i + 1}. “${styleQuote(q, style)}”\n      ${citation(q.document)}`);
    const differs = claim.messageDiffers.map(
      (d) => `   ${MESSAGES.sourcesDiffer}: ${MESSAGES.messageSays} “${d.message.text}”; ${MESSAGES.sourceSays(d.source.document.outlet)} “${d.source.quote}”\n      ${d.source.document.url}`,
    );
    return [head, ...quotes, ...differs, ...differencesText(claim.sourcesDiffer)].join('\n');
  });
  return claims.join('\n\n');
}

export function renderSourcesText(outlets: Outlet[]): string {
  const total = outlets.reduce((n, o) => n + o.documents.length, 0);
  const lines = [`${MESSAGES.articlesFromOutlets(total, outlets.length)}:`];
  for (const { outlet, documents } of outlets) {
    lines.push('', outlet);
    for (const d of documents) lines.push(`  ${d.published}  ${d.title} (${count(d.passages, 'passage')})`, `              ${d.url}`);
  }
  return lines.join('\n');
}

const isSummary = (timeline: Timeline) => timeline.events.length < timeline.chronology.events;

/**
 * The timeline as text: each event's date (once for the events of one date), its quote, every
 * reporting outlet's link; a summary ends by saying what it left out and how to see it.
 */
export function renderTimelineText(timeline: Timeline, style: TextStyle = PLAIN): string {
  if (timeline.events.length === 0) return MESSAGES.emptyTimeline;
  const indent = ' '.repeat(14);
  const events = timeline.events.map((event, i) => {
    const date = i > 0 && timeline.events[i - 1]!.iso === event.iso && timeline.events[i - 1]!.precision === event.precision ? '' : formatFuzzyDate(event);
    const count = event.outlets > 1 ? ` ${MESSAGES.reportedBy(event.outlets)}` : '';
    const sources = event.quotes.map((q) => `${indent}${q.document.outlet} ${q.document.url}`).join('\n');
    return `${date.padEnd(13)} “${event.quotes[0]!.quote}”${count}\n${sources}`;
  });
  const footer = isSummary(timeline) ? [MESSAGES.keyDatesFooter(timeline.dates, timeline.chronology.dates, timeline.chronology.events, style.option('all', 'true'))] : [];
  return [...events, ...differencesText(timeline.differences), ...footer].join('\n\n');
}
