import { describe, expect, it } from 'vitest';
import { cutText, fitEmbeds, ELLIPSIS } from '../src/discord/fit.js';
import { escapeMarkdown, maskedLink } from '../src/discord/markdown.js';
import { askReply, fitQuote, sourcesReply, timelineReplies } from '../src/discord/replies.js';
import { seedVerbatim } from './helpers/seeds.js';
import { expectAllEscaped, expectWithinLimits, quoteOf, unmarkdown } from './helpers/discordPayload.js';
import type { AskResult } from '../src/core/ask.js';

describe('escapeMarkdown', () => {
  it('renders markup, mentions and list markers as the characters typed', () => {
    const hostile = '@everyone <@123> <#456> **bold** __u__ `code` ```js\nfence``` [a](http://x) ||s|| ~~t~~ # h\n- item\n1. one\n> quote \\ end';
    const escaped = escapeMarkdown(hostile);
    expect(unmarkdown(escaped)).toBe(hostile);
    expectAllEscaped(escaped, '@<>*_`[]|~#');
    expect(escaped).toMatch(/^\\- item$/m);
    expect(escaped).toMatch(/^\\1\. one$/m);
  });

  it('builds masked links whose URL cannot break out of the link', () => {
    expect(maskedLink('A [b] title', 'https://e.com/a(b) c')).toBe('[A \\[b\\] title](https://e.com/a%28b%29%20c)');
  });
});

describe('cutText', () => {
  it('cuts at the last sentence end that fits, then adds an ellipsis', () => {
    const text = 'First sentence here. Second sentence is longer than that. Third.';
    expect(cutText(text, 40)).toBe(`First sentence here.${ELLIPSIS}`);
    expect(cutText(text, 1000)).toBe(text);
  });

  it('falls back to a word end and never leaves an open bold or a dangling escape', () => {
    const cut = cutText('**one two three four five six seven eight nine ten**', 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    expect((cut.match(/\*\*/g) ?? []).length % 2).toBe(0);
    expect(cutText('abc \\* def \\* ghi', 8)).not.toMatch(/\\…$/);
  });
});

describe('fitEmbeds', () => {
  it('keeps 10 embeds at most and 6000 characters in all', () => {
    const long = 'A sentence of words. '.repeat(400);
    const embeds = fitEmbeds(Array.from({ length: 14 }, (_, i) => ({ title: 'T'.repeat(300), description: long, footer: { text: `${i}` }, author: { name: 'x'.repeat(300) } })));
    expectWithinLimits({ embeds });
    expect(embeds.length).toBeGreaterThan(0);
  });
});

describe('Discord rendering of core results', () => {
  const verbatim = seedVerbatim();
  const bodies = new Map(verbatim.corpus.documents.map((d) => [d.url, d.body]));

  it('fits a long quote at a sentence end and keeps it verbatim', () => {
    const answer = verbatim.ask('Russia blames the US-led coalition', { limit: 1 }).answers[0]!;
    const fitted = fitQuote(answer, 160);
    expect(fitted.length).toBeLessThanOrEqual(160);
    expect(fitted.endsWith(`${ELLIPSIS}”`)).toBe(true);
    expect(answer.quote.startsWith(quoteOf(fitted))).toBe(true);
    expect(quoteOf(fitted)).toMatch(/[.!?”]$/);
  });

  it('renders every question of a sweep within limits, with verbatim quotes', () => {
    const words = [...new Set(verbatim.passages.flatMap((p) => p.document.body.slice(p.start, p.end).match(/\p{L}{5,}/gu) ?? []))];
    for (let i = 0; i + 3 < words.length; i += 3) {
      const result: AskResult = verbatim.ask(words.slice(i, i + 3).join(' '), { limit: 10 });
      const reply = askReply(result, { hide: false, page: 0 });
      const embeds = fitEmbeds(reply.embeds ?? []);
      expectWithinLimits({ content: reply.content ?? '', embeds });
      for (const e of embeds) expect(bodies.get(e.url!)).toContain(quoteOf(e.description!));
    }
  });

  it('renders /sources and the timeline within limits', () => {
    expectWithinLimits(sourcesReply(verbatim.sources()));
    const replies = timelineReplies(verbatim.timeline());
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expectWithinLimits({ embeds: fitEmbeds(r.embeds ?? []) });
  });
});

describe('askReply: sources differ', () => {
  it('shows differing figures side by side, one field per outlet, each quote verbatim with its link', () => {
    const doc = (outlet: string) => ({ id: outlet, title: `Report by ${outlet}`, outlet, url: `https://e.com/${outlet}`, published: '2020-01-01', path: `${outlet}.md` });
    const quote = (text: string, outlet: string) => ({ quote: text, start: 0, end: text.length, document: doc(outlet), figure: { value: 1, unit: 'fighter', start: 0, end: 1 } });
    const a = quote('More than 300 fighters were sent to the front.', 'Gazette');
    const b = quote('The ministry said 4,000 fighters were sent to the front.', 'Herald');
    const result: AskResult = {
      status: 'answered',
      question: 'how many fighters were sent',
      terms: ['fighter', 'send'],
      answers: [{ rank: 1, score: 1, quote: a.quote, start: 0, end: a.quote.length, document: a.document, matchedTerms: ['fighter'], highlights: [], alsoReportedBy: [] }],
      differences: [{ unit: 'fighter', quotes: [a, b] }],
    };
    const reply = askReply(result);
    const differ = reply.embeds!.find((e) => e.title === 'Sources differ')!;
    expect(differ.fields!.map((f) => f.name)).toEqual(['Gazette', 'Herald']);
    expect(quoteOf(differ.fields![1]!.value.split('\n')[0]!)).toBe(b.quote);
    expect(differ.fields![1]!.value).toContain('](https://e.com/Herald)');
    expectWithinLimits(reply);
  });
});
