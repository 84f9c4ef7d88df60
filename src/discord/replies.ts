import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord-api-types/v10';
import type { Answer, AskResult } from '../core/ask.js';
import type { Outlet } from '../core/sources.js';
import type { Timeline } from '../core/timeline.js';
import { formatFuzzyDate } from '../core/dates.js';
import type { DocumentRef, Span } from '../core/types.js';
import type { AnsweredResult } from './askSessions.js';
import type { ReloadOutcome } from '../corpusHolder.js';
import { bold, escapeMarkdown, maskedLink } from './markdown.js';
import { ELLIPSIS } from './fit.js';
import { LIMITS } from './limits.js';
import { outletColour } from '../outletColours.js';
import { quoteSegments } from '../quoteSegments.js';
import { MESSAGES } from '../messages.js';
import { encodeButtonId, type ButtonAction } from './buttonIds.js';

/** A message before it is sent: every send goes through respond.ts, which fits and guards it. */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  ephemeral?: boolean;
  files?: { name: string; data: Buffer }[];
}

const TIMELINE_PICTURE = 'timeline.png';
export const TIMELINE_TEXT = 'timeline.txt';
/** A timeline posts at most this many messages; a longer one comes whole as TIMELINE_TEXT. */
export const MAX_TIMELINE_MESSAGES = 2;


function humanDate(iso: string): string {
  return formatFuzzyDate({ iso, precision: iso.length === 10 ? 'day' : iso.length === 7 ? 'month' : 'year' });
}

/** The quote as markdown: escaped, highlighted words in bold. The characters are the quote's. */
function quoteMarkdown(quote: string, quoteStart: number, highlights: Span[]): string {
  return quoteSegments(quote, quoteStart, highlights)
    .map((s) => (s.highlighted ? bold(escapeMarkdown(s.text)) : escapeMarkdown(s.text)))
    .join('');
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
  // A longer prefix renders longer, so the last cut that fits is found by halving: each try
  // renders once, and a quote of n characters costs O(n log n), not O(n²).
  const ends = (pattern: RegExp) => [...answer.quote.matchAll(pattern)].map((m) => m.index + m[0].length);
  for (const cuts of [ends(/[.!?…]["”’)]*(?=\s)/g), ends(/[^\s](?=\s)/g)]) {
    let lo = 0;
    let hi = cuts.length - 1;
    let fitting: string | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const candidate = render(cuts[mid]!, true);
      if (candidate.length <= budget) {
        fitting = candidate;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (fitting) return fitting;
  }
  return `“${ELLIPSIS}”`;
}

export const PAGE_SIZE = 3;

/** Which page of an answer to show, and its buttons when it has live ones. */
export interface AskView {
  hide: boolean;
  page: number;
  /** The session whose buttons page this answer; no buttons without one. */
  sessionId?: string;
  /** Buttons off: a copy posted to the channel, or an expired answer. */
  withoutButtons?: boolean;
}

function pageCount(result: { answers: unknown[] }): number {
  return Math.max(1, Math.ceil(result.answers.length / PAGE_SIZE));
}

function answerEmbed(answer: Answer, budget: number): APIEmbed {
  const outlets = new Set([answer.document.outlet, ...answer.alsoReportedBy.map((q) => q.document.outlet)]);
  const embed: APIEmbed = {
    color: outletColour(answer.document.outlet),
    author: { name: answer.document.outlet },
    title: escapeMarkdown(answer.document.title),
    url: answer.document.url,
    description: fitQuote(answer, budget),
    footer: { text: `#${answer.rank} · published ${humanDate(answer.document.published)}${outlets.size > 1 ? ` · ${MESSAGES.reportedBy(outlets.size)}` : ''}` },
  };
  if (answer.alsoReportedBy.length > 0) {
    const links = answer.alsoReportedBy.map((q) => maskedLink(q.document.outlet, q.document.url));
    embed.fields = [{ name: MESSAGES.alsoReportedBy, value: linesWithin(links, LIMITS.fieldValue, MESSAGES.moreArticles) }];
  }
  return embed;
}

/** The figures outlets give differently, quoted side by side, never reconciled. */
function differencesEmbed(result: AnsweredResult): APIEmbed | undefined {
  const [first] = result.differences;
  if (!first) return undefined;
  return {
    title: MESSAGES.sourcesDiffer,
    fields: first.quotes.slice(0, 4).map((q) => ({
      name: escapeMarkdown(q.document.outlet),
      value: `${fitQuote({ quote: q.quote, start: q.start, highlights: [] }, LIMITS.fieldValue - q.document.url.length - 40)}\n${maskedLink(q.document.title, q.document.url)}`,
      inline: true,
    })),
  };
}

function askButtons(result: AnsweredResult, view: AskView): APIActionRowComponent<APIButtonComponent>[] {
  if (!view.sessionId || view.withoutButtons) return [];
  const sessionId = view.sessionId;
  const id = (action: ButtonAction, page = view.page) => encodeButtonId({ command: 'ask', action, sessionId, page: Math.max(0, page) });
  const pages = pageCount(result);
  const buttons: APIButtonComponent[] = [
    { type: ComponentType.Button, style: ButtonStyle.Secondary, label: MESSAGES.back, custom_id: id('page', view.page - 1), disabled: view.page === 0 },
    { type: ComponentType.Button, style: ButtonStyle.Primary, label: MESSAGES.more, custom_id: id('page', view.page + 1), disabled: view.page + 1 >= pages },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, label: MESSAGES.showSources, custom_id: id('sources') },
  ];
  if (view.hide) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Success, label: MESSAGES.postToChannel, custom_id: id('post') });
  return [{ type: ComponentType.ActionRow, components: buttons }];
}

export function askReply(result: AskResult, view: AskView = { hide: false, page: 0 }): Reply {
  if (result.status === 'invalid') return { content: MESSAGES.refused(escapeMarkdown(result.message)), ephemeral: true };
  if (result.status === 'no-match') return { content: MESSAGES.noMatch, ephemeral: true };
  const pages = pageCount(result);
  const page = Math.min(Math.max(0, view.page), pages - 1);
  const shown = result.answers.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  // Leave room for titles, authors, footers and the "Sources differ" embed in the 6000 total.
  const budget = Math.min(LIMITS.embedDescription, Math.floor(LIMITS.embedsTotal / (shown.length + 1)) - 500);
  const embeds = shown.map((answer) => answerEmbed(answer, budget));
  const differences = page === 0 ? differencesEmbed(result) : undefined;
  if (differences) embeds.push(differences);
  const pageLabel = pages > 1 ? ` ${MESSAGES.page(page + 1, pages)}` : '';
  return {
    content: `${bold(MESSAGES.questionLabel)} ${escapeMarkdown(result.question)}${pageLabel}`,
    embeds,
    components: askButtons(result, { ...view, page }),
    ephemeral: view.hide,
  };
}

/** Every article an answer quotes (also those reporting the same), linked, for "Show sources". */
export function answerSourcesReply(result: AnsweredResult): Reply {
  const documents = new Map<string, DocumentRef>();
  for (const answer of result.answers) for (const q of [answer, ...answer.alsoReportedBy]) documents.set(q.document.url, q.document);
  const lines = [...documents.values()].map((d) => `• ${maskedLink(d.title, d.url)} — ${escapeMarkdown(d.outlet)}, ${humanDate(d.published)}`);
  return { embeds: [{ title: MESSAGES.sourcesTitle, description: linesWithin(lines, LIMITS.embedDescription, MESSAGES.moreArticles) }], ephemeral: true };
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
        title: MESSAGES.sourcesTitle,
        description: linesWithin(lines, LIMITS.embedDescription, MESSAGES.moreArticles),
        footer: { text: `${articles} articles from ${outlets.length} outlets` },
      },
    ],
  };
}

/** One line of the chronology: date, the representative quote, every reporting outlet's link. */
function timelineLine(event: Timeline['events'][number]): string {
  const links = [...new Map(event.quotes.map((q) => [q.document.url, q.document])).values()].map((d) => maskedLink(d.outlet, d.url)).join(', ');
  const head = `${bold(formatFuzzyDate(event))} — `;
  const tail = ` — ${links}${event.outlets > 1 ? ` ${MESSAGES.reportedBy(event.outlets)}` : ''}`;
  const first = event.quotes[0]!;
  return head + fitQuote({ quote: first.quote, start: first.start, highlights: [] }, LIMITS.fieldValue - head.length - tail.length) + tail;
}

function differenceLines(timeline: Timeline): string[] {
  return timeline.differences.map((d) =>
    d.quotes.map((q) => `${fitQuote({ quote: q.quote, start: q.start, highlights: [] }, 600)} — ${maskedLink(q.document.outlet, q.document.url)}`).join('\n'),
  );
}

/** Lines packed into groups whose joined text is at most `max` characters, in order. */
function packGroups(lines: string[], max: number): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (current.length > 0 && length + 1 + line.length > max) {
      out.push(current);
      current = [];
      length = 0;
    }
    length += (current.length > 0 ? 1 : 0) + line.length;
    current.push(line);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function pack(lines: string[], max: number): string[] {
  return packGroups(lines, max).map((group) => group.join('\n'));
}

export interface TimelineAttachments {
  picture?: Buffer;
  /** The whole timeline as text, attached when the messages cannot show every event. */
  fullText?: () => string;
}

/**
 * The timeline as at most MAX_TIMELINE_MESSAGES messages: events as lines packed into embeds,
 * embeds into messages within Discord's per-message total, then the figures the sources give
 * differently. The picture, when given, is attached to the first message and shown in its first
 * embed. When the messages do not show every dated event (a summary of key dates, or a
 * chronology too long to post), the first message says so and the whole chronology is attached
 * as text.
 */
export function timelineReplies(timeline: Timeline, attachments: TimelineAttachments = {}): Reply[] {
  if (timeline.events.length === 0) return [{ content: MESSAGES.emptyTimeline }];
  const { picture } = attachments;
  const summary = timeline.events.length < timeline.chronology.events;
  const groups = packGroups(timeline.events.map(timelineLine), LIMITS.embedDescription / 2);
  const embeds: APIEmbed[] = groups.map((group) => ({ description: group.join('\n') }));
  const eventsIn = new Map(embeds.map((embed, i) => [embed, groups[i]!.length]));
  embeds[0]!.title = summary ? MESSAGES.keyDatesTitle(timeline.dates) : MESSAGES.timelineTitle;
  if (picture) embeds[0]!.image = { url: `attachment://${TIMELINE_PICTURE}` };
  const differences = differenceLines(timeline);
  if (differences.length > 0) {
    pack(differences, LIMITS.embedDescription / 2).forEach((description, i) => embeds.push({ ...(i === 0 ? { title: MESSAGES.sourcesDiffer } : {}), description }));
  }

  const replies: Reply[] = [];
  let batch: APIEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const size = embed.description!.length + (embed.title?.length ?? 0);
    if (batch.length === LIMITS.embeds || total + size > LIMITS.embedsTotal) {
      replies.push({ embeds: batch });
      batch = [];
      total = 0;
    }
    batch.push(embed);
    total += size;
  }
  replies.push({ embeds: batch });
  const kept = replies.slice(0, MAX_TIMELINE_MESSAGES);
  const files = picture ? [{ name: TIMELINE_PICTURE, data: picture }] : [];
  const shown = kept.flatMap((r) => r.embeds ?? []).reduce((n, embed) => n + (eventsIn.get(embed) ?? 0), 0);
  if (summary || kept.length < replies.length) {
    const shownDates = new Set(timeline.events.slice(0, shown).map((e) => `${e.precision}:${e.iso}`)).size;
    kept[0]!.content = summary
      ? MESSAGES.keyDatesOf(shownDates, timeline.chronology.dates, timeline.chronology.events, TIMELINE_TEXT)
      : MESSAGES.timelineShortened(shown, timeline.events.length, TIMELINE_TEXT);
    if (attachments.fullText) files.push({ name: TIMELINE_TEXT, data: Buffer.from(attachments.fullText(), 'utf8') });
  }
  if (files.length > 0) kept[0]!.files = files;
  return kept;
}

/** The admin's private answer to /reload: the new size, or every problem (file, field, what). */
export function reloadReply(outcome: ReloadOutcome): Reply {
  if (outcome.ok) {
    return { content: `✅ ${MESSAGES.reloaded(outcome.articles, outcome.passages, outcome.ms)}`, ephemeral: true };
  }
  const lines = outcome.problems.map((p) => `• ${bold(escapeMarkdown(p.file))} — ${escapeMarkdown(p.field)}: ${escapeMarkdown(p.message)}`);
  return {
    content: `❌ ${MESSAGES.reloadRefused(outcome.problems.length)}`,
    embeds: [{ title: MESSAGES.problems, description: linesWithin(lines, LIMITS.embedDescription, MESSAGES.moreProblems) }],
    ephemeral: true,
  };
}
