import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInMemory, type Verbatim } from '../src/core/verbatim.js';
import { chronologyOf, datedQuotes, datedQuotesInSteps } from '../src/core/timeline.js';
import { renderTimelineText } from '../src/console/formatText.js';
import { MAX_TIMELINE_MESSAGES, TIMELINE_TEXT, timelineReplies } from '../src/discord/replies.js';
import { renderTimelinePng } from '../src/picture/timelinePng.js';
import { MESSAGES } from '../src/messages.js';
import { article, corpusFolder } from './helpers/corpusFixture.js';

/** 120 articles, each with three dated sentences on different days. */
function largeCorpus() {
  const files: Record<string, string> = {};
  for (let i = 0; i < 120; i++) {
    const day = (k: number) => `${1 + ((i * 3 + k) % 28)} ${['January', 'March', 'May', 'July', 'September', 'November'][(i + k) % 6]} ${2000 + (i % 20)}`;
    const body = [0, 1, 2].map((k) => `On ${day(k)}, the harbour committee number ${i} met and voted on item ${k} of its agenda.`).join('\n\n');
    files[`a${i}.md`] = article({ title: `Harbour ${i}`, outlet: `Outlet ${i % 7}`, url: `https://harbour.example/${i}`, published: '2020-06-01' }, body);
  }
  return corpusFolder(files);
}

describe('/timeline at scale', () => {
  let folder: ReturnType<typeof corpusFolder>;
  let verbatim: Verbatim;
  beforeAll(() => {
    folder = largeCorpus();
    verbatim = buildInMemory(folder.dir);
  });
  afterAll(() => folder.remove());

  it('posts at most a few messages, and the whole timeline as a text file that says what was left out', () => {
    const timeline = verbatim.timeline({ all: true });
    expect(timeline.events.length).toBeGreaterThan(150);
    const text = renderTimelineText(timeline);
    const replies = timelineReplies(timeline, { picture: renderTimelinePng(timeline), fullText: () => text });
    expect(replies.length).toBe(MAX_TIMELINE_MESSAGES);
    const files = replies[0]!.files!.map((f) => f.name);
    expect(files).toEqual(['timeline.png', TIMELINE_TEXT]);
    expect(replies[0]!.files![1]!.data.toString('utf8')).toBe(text);
    const shown = replies.flatMap((r) => r.embeds ?? []).reduce((n, e) => n + (e.description?.split('\n').length ?? 0), 0);
    expect(replies[0]!.content).toBe(MESSAGES.timelineShortened(shown, timeline.events.length, TIMELINE_TEXT));
    expect(replies.slice(1).every((r) => r.files === undefined)).toBe(true);
  });

  it('reads dates in steps that give the event loop back, with the same result', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const stepped = await datedQuotesInSteps(verbatim.passages);
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan(0);
    const whole = datedQuotes(verbatim.passages);
    expect(stepped.undated).toBe(whole.undated);
    expect(stepped.quotes.map((q) => [q.start, q.end, q.iso])).toEqual(whole.quotes.map((q) => [q.start, q.end, q.iso]));
    await verbatim.prepareTimeline();
    expect(verbatim.timeline({ all: true }).events.length).toBeGreaterThan(150);
  });

  it('makes a timeline in steps that give the event loop back, the same as at once', async () => {
    for (const options of [{}, { all: true }, { dates: 5, perDate: 3, from: '2005' }]) {
      // Queued before the timeline's first step yields: it runs before the timeline ends only if the timeline gave the loop back.
      let gaveBack = false;
      const stepping = verbatim.timelineInSteps(options);
      setImmediate(() => (gaveBack = true));
      const stepped = await stepping;
      expect(gaveBack).toBe(true);
      expect(stepped).toEqual(verbatim.timeline(options));
    }
  });

  it('posts a summary of the key dates, says so, and attaches the whole chronology', () => {
    const summary = verbatim.timeline();
    const full = verbatim.timeline({ all: true });
    expect(summary.events.length).toBeLessThanOrEqual(24);
    expect(summary.chronology.events).toBe(full.events.length);
    const text = renderTimelineText(full);
    // The chronology a summary was chosen from is the one asked for with all: true.
    expect(chronologyOf(summary)).toEqual(full);
    const replies = timelineReplies(summary, { picture: renderTimelinePng(summary), fullText: () => text });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.content).toBe(MESSAGES.keyDatesOf(summary.dates, full.dates, full.events.length, TIMELINE_TEXT));
    expect(replies[0]!.embeds![0]!.title).toBe(MESSAGES.keyDatesTitle(summary.dates));
    expect(replies[0]!.files!.map((f) => f.name)).toEqual(['timeline.png', TIMELINE_TEXT]);
    const attached = replies[0]!.files![1]!.data.toString('utf8');
    for (const event of full.events) expect(attached).toContain(event.quotes[0]!.quote);
    expect(renderTimelineText(summary)).toContain(MESSAGES.keyDatesFooter(summary.dates, full.dates, full.events.length, MESSAGES.optionInConsole('all', 'true')));
  });

  it('draws a timeline whose quotes and outlets hold NUL and other control characters', () => {
    const nul = corpusFolder({ 'n.md': article({ title: 'T', outlet: 'Out\u0000let', url: 'https://n.example/1', published: '2020-01-02' }, 'On 3 March 2019 the mayor\u0000 opened the \u0007bridge.') });
    try {
      const timeline = buildInMemory(nul.dir).timeline();
      expect(timeline.events).toHaveLength(1);
      expect(renderTimelinePng(timeline).subarray(1, 4).toString('latin1')).toBe('PNG');
    } finally {
      nul.remove();
    }
  });
});
