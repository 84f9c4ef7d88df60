import type { APIEmbed } from 'discord.js';
import type { Answer, AskResult } from '../core/ask.js';
import type { Outlet } from '../core/sources.js';
import type { Timeline } from '../core/timeline.js';
import { formatFuzzyDate } from '../core/dates.js';
import type { Span } from '../core/types.js';
import { bold, escapeMarkdown, maskedLink } from './markdown.js';
import { ELLIPSIS } from './fit.js';
import { LIMITS } from './limits.js';

/** A message before it is sent: every send goes through respond.ts, which fits and guards it. */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  ephemeral?: boolean;
}

export const TEXT = {
  noMatch: 'No good match in the articles for that question. Try other words, or `/sources` to see what they cover.',
  questionLabel: 'Question:',
  sourcesTitle: 'Sources',
  timelineTitle: 'Timeline',
  moreArticles: (n: number) => `…and ${n} more article${n === 1 ? '' : 's'}`,
  moreEvents: (n: number) => `…and ${n} more event${n === 1 ? '' : 's'}`,
  emptyTimeline: 'No sentence in the articles states a date that could be resolved.',
} as const;

/** One colour per outlet, stable across runs, so readers learn to spot a source. */
const PALETTE = [0x5865f2, 0x57f287, 0xfee75c, 0xeb459e, 0xed4245, 0xf0b232, 0x3ba55c, 0x00a8fc, 0x9b59b6, 0xe67e22];
export function outletColour(outlet: string): number {
  let hash = 0;
  for (const ch of outlet) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

export function humanDate(iso: string): string {
  return formatFuzzyDate({ iso, precision: iso.length === 10 ? 'day' : iso.length === 7 ? 'month' : 'year' });
}

/** The quote as markdown: escaped, highlighted words in bold. The characters are the quote's. */
function quoteMarkdown(quote: string, quoteStart: number, highlights: Span[]): string {
  let out = '';
  let at = 0;
  for (const h of highlights) {
    const from = h.start - quoteStart;
    const to = h.end - quoteStart;
    if (from < at || to > quote.length) continue;
    out += escapeMarkdown(quote.slice(at, from)) + bold(escapeMarkdown(quote.slice(from, to)));
    at = to;
  }
  return out + escapeMarkdown(quote.slice(at));
}

/**
 * The quote within `budget` characters of markdown, in “curly quotes”; when it is too long it
 * ends at the last whole sentence that fits (or word, for one long sentence), then an ellipsis.
 */
export function fitQuote(answer: Pick<Answer, 'quote' | 'start' | 'highlights'>, budget: number): string {
  const render = (length: number, cut: boolean) =>
    `“${quoteMarkdown(answer.quote.slice(0, length), answer.start, answer.highlights)}${cut ? ELLIPSIS : ''}”`;
  const full = render(answer.quote.length, false);
  if (full.length <= budget) return full;
  const ends = (pattern: RegExp) => [...answer.quote.matchAll(pattern)].map((m) => m.index + m[0].length).reverse();
  for (const end of [...ends(/[.!?…]["”’)]*(?=\s)/g), ...ends(/[^\s](?=\s)/g)]) {
    const candidate = render(end, true);
    if (candidate.length <= budget) return candidate;
  }
  return `“${ELLIPSIS}”`;
}

export function askReply(result: AskResult, hide: boolean): Reply {
  if (result.status === 'invalid') return { content: `❌ ${escapeMarkdown(result.message)}`, ephemeral: true };
  if (result.status === 'no-match') return { content: TEXT.noMatch, ephemeral: true };
  // Leave room for titles, authors and footers inside the 6000-character message total.
  const budget = Math.min(LIMITS.embedDescription, Math.floor(LIMITS.embedsTotal / result.answers.length) - 400);
  const embeds = result.answers.map(
    (answer): APIEmbed => ({
      color: outletColour(answer.document.outlet),
      author: { name: answer.document.outlet },
      title: escapeMarkdown(answer.document.title),
      url: answer.document.url,
      description: fitQuote(answer, budget),
      footer: { text: `#${answer.rank} · published ${humanDate(answer.document.published)}` },
    }),
  );
  return { content: `${bold(TEXT.questionLabel)} ${escapeMarkdown(result.question)}`, embeds, ephemeral: hide };
}

/** Lines joined up to `max` characters; what does not fit is counted in a closing line. */
function linesWithin(lines: string[], max: number, more: (n: number) => string): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const next = (out ? out + '\n' : '') + lines[i];
    const tail = i + 1 < lines.length ? more(lines.length - i - 1).length + 1 : 0;
    if (next.length + tail > max) return `${out}\n${more(lines.length - i)}`;
    out = next;
  }
  return out;
}

export function sourcesReply(outlets: Outlet[]): Reply {
  const lines = outlets.flatMap(({ outlet, documents }) => [
    bold(escapeMarkdown(outlet)),
    ...documents.map((d) => `• ${maskedLink(d.title, d.url)} — ${humanDate(d.published)} · ${d.passages} passages`),
  ]);
  const articles = outlets.reduce((n, o) => n + o.documents.length, 0);
  return {
    embeds: [
      {
        title: TEXT.sourcesTitle,
        description: linesWithin(lines, LIMITS.embedDescription, TEXT.moreArticles),
        footer: { text: `${articles} articles from ${outlets.length} outlets` },
      },
    ],
  };
}

/**
 * The timeline as messages in order: each event a line (date, quote, outlet links); lines fill
 * embeds up to their limit, embeds fill messages up to Discord's per-message total.
 */
export function timelineReplies(timeline: Timeline): Reply[] {
  if (timeline.events.length === 0) return [{ content: TEXT.emptyTimeline }];
  const lineBudget = LIMITS.fieldValue;
  const lines = timeline.events.map((event) => {
    const links = event.quotes.map((q) => maskedLink(q.document.outlet, q.document.url)).join(', ');
    const head = `${bold(formatFuzzyDate(event))} — `;
    const tail = ` — ${links}`;
    const first = event.quotes[0]!;
    return head + fitQuote({ quote: first.quote, start: first.start, highlights: [] }, lineBudget - head.length - tail.length) + tail;
  });
  const descriptions: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > LIMITS.embedDescription / 2) {
      descriptions.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) descriptions.push(current);

  const replies: Reply[] = [];
  let embeds: APIEmbed[] = [];
  let total = 0;
  for (const description of descriptions) {
    const embed: APIEmbed = { description };
    if (replies.length === 0 && embeds.length === 0) embed.title = TEXT.timelineTitle;
    const size = description.length + (embed.title?.length ?? 0);
    if (embeds.length === LIMITS.embeds || total + size > LIMITS.embedsTotal) {
      replies.push({ embeds });
      embeds = [];
      total = 0;
    }
    embeds.push(embed);
    total += size;
  }
  if (embeds.length > 0) replies.push({ embeds });
  return replies;
}
