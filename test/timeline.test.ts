import { describe, expect, it } from 'vitest';
import { dateMentions, formatFuzzyDate } from '../src/core/dates.js';
import { dateBound } from '../src/core/dateBounds.js';
import { figureDisagreements } from '../src/core/figures.js';
import { renderTimelinePng } from '../src/picture/timelinePng.js';
import { seedVerbatim } from './helpers/seeds.js';
import { buildInMemory } from '../src/core/verbatim.js';
import { DEFAULT_KEY_DATES, DEFAULT_REPORTS_PER_DATE } from '../src/core/timeline.js';
import { article, corpusFolder } from './helpers/corpusFixture.js';
import { runEntryAsync } from './helpers/run.js';

/** Sentences from the seeds, the article's publication date, and the date a reader gives them. */
const RESOLUTION: [sentence: string, published: string, iso: string, precision: string][] = [
  ['ISIS’ assault against Palmyra began late on Thursday after the terrorist organization took grain silos', '2016-12-11', '2016-12-08', 'day'],
  ['Homs – Islamic State (ISIS) militants recaptured the ancient city of Palmyra on Sunday, after heavy clashes with the Syrian Army.', '2016-12-11', '2016-12-11', 'day'],
  ['This Sunday, ISIS re-captured Palmyra from Syrian government troops', '2016-12-12', '2016-12-11', 'day'],
  ['ISIS returned on Saturday to the ancient city of Palmyra in central Syria.', '2016-12-11', '2016-12-10', 'day'],
  ['Russia and the Assad army went after ISIS in Palmyra,  liberating that city nine months ago.', '2016-12-11', '2016-03', 'month'],
  ['In March, Russian-backed troops were able to reassert control over Palmyra’s downtown neighborhoods', '2016-12-11', '2016-03', 'month'],
  ['In August 2015, satellite images confirmed the destruction of the Temple of Baalshamin', '2016-12-11', '2015-08', 'month'],
  ['Last year, when IS seized Palmyra the first time, mass executions were conducted', '2016-12-12', '2015', 'year'],
  ['ISIS first took over Palmyra in May 2015, following  a protracted battle with Syrian regime forces.', '2016-12-11', '2015-05', 'month'],
  ['he stands on a street in the ancient city of Palmyra on March 27, 2016.', '2016-12-11', '2016-03-27', 'day'],
  ['a military division withdrew from the city earlier Saturday without leaving a way out for civilians.', '2016-12-11', '2016-12-10', 'day'],
  // A day without a year is the latest such day on or before publication, not the nearest (next March).
  ['The mayor opened the bridge on March 3, a week after the storm.', '2016-12-11', '2016-03-03', 'day'],
  ['The mayor opened the bridge on December 20, a week after the storm.', '2016-12-11', '2015-12-20', 'day'],
];

/** Phrases chrono-node reads as dates that state none. */
const NOT_DATES = [
  ['Reports of a surprise offensive in Mosul that has stopped the Iraqi forces for now is also out there.', '2016-12-11'],
  ['Sergei Ryabkov told Russia Today that Washington insists on unacceptable conditions.', '2016-12-12'],
  ['IS has been suffering from a number of defeats over the last year in Syria and Iraq.', '2016-12-12'],
  ['More than eight months after being kicked out by government forces', '2016-12-11'],
  ['The two men asserted that from now on, reinforcements would be sent consecutively.', '2016-12-12'],
  // Words of other languages, and English words, that chrono-node would read as days or months.
  ['Il a dit : « mon pays est détruit », puis il est parti.', '2016-12-11'],
  ['The sun rose over the harbour as the boats came in.', '2016-12-11'],
  ['Officials said the river may rise again, and residents may sat down to wait.', '2016-12-11'],
];

describe('date resolution', () => {
  it.each(RESOLUTION)('%s (published %s) → %s, %s', (sentence, published, iso, precision) => {
    const [first] = dateMentions(sentence, published);
    expect(first).toMatchObject({ iso, precision });
  });

  it.each(NOT_DATES)('%s → no date', (sentence, published) => {
    expect(dateMentions(sentence, published)).toEqual([]);
  });

  it('shows only the precision it knows', () => {
    expect(formatFuzzyDate({ iso: '2016-03', precision: 'month' })).toBe('Mar 2016');
    expect(formatFuzzyDate({ iso: '2015', precision: 'year' })).toBe('2015');
    expect(formatFuzzyDate({ iso: '2016-12-10', precision: 'day' })).toBe('10 Dec 2016');
  });

  it('reads from/to bounds as days, months or years', () => {
    expect(dateBound('2016-03', 'from')).toBe('2016-03-01');
    expect(dateBound('2016-02', 'to')).toBe('2016-02-29');
    expect(dateBound('2015', 'to')).toBe('2015-12-31');
    expect(dateBound('2016-13', 'from')).toBeUndefined();
    expect(dateBound('yesterday', 'from')).toBeUndefined();
  });
});

describe('the seed chronology (all: true)', () => {
  const verbatim = seedVerbatim();
  const timeline = verbatim.timeline({ all: true });
  const bodies = new Map(verbatim.corpus.documents.map((d) => [d.id, d.body]));
  const eventFor = (iso: string, pattern: RegExp) => timeline.events.find((e) => e.iso === iso && e.quotes.some((q) => pattern.test(q.quote)));

  it('runs from the first capture through the temples, the 2016 recapture and the December assault', () => {
    expect(eventFor('2015-05', /first took\s+over Palmyra/)).toBeDefined();
    expect(eventFor('2015-08', /destruction of the Temple of Baalshamin/)).toBeDefined();
    expect(eventFor('2016-03', /reassert control|liberating that city/)).toBeDefined();
    expect(eventFor('2016-12-08', /assault against Palmyra began/)).toBeDefined();
    expect(eventFor('2016-12-10', /returned on Saturday|re-entered the city on Saturday/)).toBeDefined();
    expect(eventFor('2016-12-11', /recaptured the ancient city of Palmyra|re-captured Palmyra/)).toBeDefined();
  });

  it('is in date order', () => {
    const dates = timeline.events.map((e) => e.iso);
    expect(dates).toEqual([...dates].sort());
  });

  it('quotes only verbatim text: every quote is its body slice', () => {
    const all = [...timeline.events.flatMap((e) => e.quotes), ...timeline.differences.flatMap((d) => d.quotes)];
    expect(all.length).toBeGreaterThan(10);
    for (const q of all) expect(q.quote).toBe(bodies.get(q.document.id)!.slice(q.start, q.end));
  });

  it('merges the Sunday recapture reported by several outlets into one event with every link', () => {
    const sunday = eventFor('2016-12-11', /recaptured the ancient city of Palmyra|re-captured Palmyra/)!;
    expect(sunday.outlets).toBeGreaterThanOrEqual(2);
    expect(new Set(sunday.quotes.map((q) => q.document.url)).size).toBe(sunday.quotes.length);
    // Different events of the same day stay apart.
    expect(eventFor('2016-12-10', /shoot down a Syrian warplane/)!.quotes).toHaveLength(1);
  });

  it('does not date a clause that only attributes its sentence ("officials said on Wednesday")', () => {
    const folder = corpusFolder({
      'a.md': article({ title: 'Storm', outlet: 'Coast Radio', url: 'https://coast.example/storm', published: '2024-03-06' }, 'The storm that closed the river bridge on Monday also flooded 300 homes, officials said on Wednesday.'),
    });
    try {
      const events = buildInMemory(folder.dir).timeline({ all: true }).events;
      expect(events.map((e) => [e.iso, e.quotes[0]!.quote])).toEqual([['2024-03-04', 'The storm that closed the river bridge on Monday also flooded 300 homes']]);
    } finally {
      folder.remove();
    }
  });

  it('cuts a sentence with two dates into its dated clauses', () => {
    const expelled = eventFor('2016-03', /^After being expelled by the Syrian and Russian forces nine months ago$/);
    expect(expelled).toBeDefined();
    expect(eventFor('2016-12-10', /^the IS re-entered the city on Saturday for the first time\.$/)).toBeDefined();
  });

  it('shows figures two outlets give differently for the same thing side by side, and not the same figure', () => {
    const doc = (outlet: string) => ({ id: outlet, title: 't', outlet, url: `https://e.com/${outlet}`, published: '2020-01-01', path: `${outlet}.md` });
    const sources = [
      { quote: 'More than 300 fighters were sent to the northern front of the valley, the ministry said.', start: 0, end: 1, document: doc('A') },
      { quote: 'The ministry said 4,000 fighters were sent to the northern front of the valley.', start: 0, end: 1, document: doc('B') },
      { quote: 'About 310 fighters were sent to the northern front of the valley, the ministry said.', start: 0, end: 1, document: doc('C') },
      { quote: 'Some 4,000 tourists visit the northern valley each year.', start: 0, end: 1, document: doc('D') },
    ];
    const [difference, ...rest] = figureDisagreements(sources);
    expect(rest).toEqual([]);
    expect(difference!.unit).toBe('fighter');
    expect(difference!.quotes.map((q) => q.document.outlet)).toEqual(['A', 'B']);
  });

  it('counts the sentences left out as undatable', () => {
    const sentences = verbatim.passages.reduce((n, p) => n + p.sentences.length, 0);
    expect(timeline.undated).toBeGreaterThan(0);
    expect(timeline.undated).toBeLessThan(sentences);
  });

  it('keeps only events on a topic, and within from/to', () => {
    const warplane = verbatim.timeline({ topic: 'warplane shot down', all: true });
    expect(warplane.events.length).toBeGreaterThan(0);
    expect(warplane.events.length).toBeLessThan(timeline.events.length);
    for (const e of warplane.events) expect(e.quotes[0]!.quote).toMatch(/warplane|jet|shot down|shoot down/);
    const december = verbatim.timeline({ from: '2016-12-01', to: '2016-12-10', all: true });
    expect(december.events.length).toBeGreaterThan(0);
    for (const e of december.events) expect(e.iso >= '2016-12-01' && e.iso <= '2016-12-10').toBe(true);
    // Differing figures are undated: a date window does not hide them.
    expect(december.differences).toEqual(timeline.differences);
    const early = verbatim.timeline({ to: '2015-12-31', all: true });
    expect(early.events.map((e) => e.iso)).toEqual(expect.arrayContaining(['2015', '2015-05', '2015-08']));
  });

  it('draws a PNG of sane size', () => {
    const png = renderTimelinePng(timeline);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThanOrEqual(800);
    expect(width).toBeLessThanOrEqual(2000);
    expect(height).toBeGreaterThan(timeline.events.length * 20);
    expect(height).toBeLessThan(5000);
    expect(png.length).toBeGreaterThan(20_000);
  });
});

describe('key dates: the summary /timeline posts', () => {
  const verbatim = seedVerbatim();
  const bodies = new Map(verbatim.corpus.documents.map((d) => [d.id, d.body]));

  it('shows at most the default number of key dates, each with at most the default reports, in date order, verbatim', () => {
    const summary = verbatim.timeline();
    const full = verbatim.timeline({ all: true });
    expect(summary.dates).toBeLessThanOrEqual(DEFAULT_KEY_DATES);
    expect(summary.chronology).toEqual({ dates: full.dates, events: full.events.length });
    expect(summary.events.length).toBeLessThan(full.events.length);
    const perDate = new Map<string, number>();
    for (const e of summary.events) perDate.set(`${e.precision}:${e.iso}`, (perDate.get(`${e.precision}:${e.iso}`) ?? 0) + 1);
    expect(perDate.size).toBe(summary.dates);
    expect(Math.max(...perDate.values())).toBeLessThanOrEqual(DEFAULT_REPORTS_PER_DATE);
    const dates = summary.events.map((e) => e.iso);
    expect(dates).toEqual([...dates].sort());
    for (const q of summary.events.flatMap((e) => e.quotes)) expect(q.quote).toBe(bodies.get(q.document.id)!.slice(q.start, q.end));
  });

  it('puts the recapture first: the two key dates are the re-entry and the recapture, with the recapture quoted', () => {
    const two = verbatim.timeline({ dates: 2, perDate: 1 });
    expect(two.events.map((e) => e.iso)).toEqual(['2016-12-10', '2016-12-11']);
    expect(two.events[1]!.quotes.map((q) => q.quote).join(' ')).toMatch(/re-captured Palmyra|recaptured the ancient city/);
    expect(two.events[1]!.outlets).toBeGreaterThanOrEqual(2);
  });

  it('gives as many dates and reports per date as asked', () => {
    const asked = verbatim.timeline({ dates: 3, perDate: 1 });
    expect(asked.dates).toBe(3);
    expect(asked.events).toHaveLength(3);
    const more = verbatim.timeline({ dates: 1, perDate: 3 });
    expect(more.dates).toBe(1);
    expect(more.events.length).toBe(3);
  });

  it('chooses its dates within from/to only', () => {
    const span = verbatim.timeline({ from: '2016-12-09', to: '2016-12-11' });
    expect(span.events.length).toBeGreaterThan(0);
    for (const e of span.events) expect(e.iso >= '2016-12-09' && e.iso <= '2016-12-11').toBe(true);
  });

  it('prefers the day many articles and outlets report to a day one article recalls, and the report several outlets carry to an aside', () => {
    const report = (outlet: string, n: number, published: string, body: string) =>
      article({ title: `Bridge ${n}`, outlet, url: `https://${outlet.toLowerCase().replace(/\s/g, '')}.example/${n}`, published }, body);
    const folder = corpusFolder({
      'a.md': report('Harbour Times', 1, '2021-03-04', 'The old river bridge collapsed on Wednesday after days of heavy rain.\n\nEngineers had warned about the bridge for years.'),
      'b.md': report('Valley News', 2, '2021-03-04', 'The river bridge collapsed on Wednesday, engineers said, after heavy rain.\n\nOn Wednesday, a local bakery also sold out of bread.'),
      'c.md': report('Coast Radio', 3, '2021-03-05', 'The old bridge over the river collapsed on Wednesday after the rain.\n\nTraffic was diverted through the town centre.'),
      'd.md': report('Harbour Times', 4, '2021-03-20', 'Repairs began after the river bridge collapsed on March 3.\n\nThe bridge was first built on 5 May 1899 by a local firm, and repainted in 1972.\n\nIts toll was abolished on 1 June 1950.'),
    });
    try {
      const timeline = buildInMemory(folder.dir).timeline({ dates: 1, perDate: 1 });
      expect(timeline.events).toHaveLength(1);
      const [event] = timeline.events;
      expect(event!.iso).toBe('2021-03-03');
      expect(event!.quotes[0]!.quote).toMatch(/bridge/);
      expect(event!.outlets).toBeGreaterThanOrEqual(2);
    } finally {
      folder.remove();
    }
  });
});

describe('timeline from the command line', () => {
  it('takes --dates, --per-date and --all, and refuses a count out of range', async () => {
    const [twoRun, allRun, refused] = await Promise.all([
      runEntryAsync('src/cli.ts', ['timeline', '--dates', '2', '--per-date', '1', '--json']),
      runEntryAsync('src/cli.ts', ['timeline', '--all', '--json']),
      runEntryAsync('src/cli.ts', ['timeline', '--dates', '0']),
    ]);
    const two = JSON.parse(twoRun.stdout);
    expect(two.dates).toBe(2);
    expect(two.events).toHaveLength(2);
    const all = JSON.parse(allRun.stdout);
    expect(all.events).toHaveLength(all.chronology.events);
    expect(all.chronology.events).toBeGreaterThan(two.events.length);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/dates must be a whole number from 1 to/);
  });

  it('prints JSON in the documented shape', async () => {
    const run = await runEntryAsync('src/cli.ts', ['timeline', '--json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.events.length).toBeGreaterThan(5);
    expect(Object.keys(json).sort()).toEqual(['chronology', 'dates', 'differences', 'events', 'undated']);
    for (const event of json.events) {
      expect(event.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(['day', 'month', 'year']).toContain(event.precision);
      for (const q of event.quotes) expect(Object.keys(q).sort()).toEqual(['document', 'end', 'quote', 'start']);
    }
  });

  it('refuses a bad date with a message and a non-zero exit', async () => {
    const run = await runEntryAsync('src/cli.ts', ['timeline', '--from', 'soon']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/from must be a date/);
  });

  it('answers /timeline in the console', async () => {
    const run = await runEntryAsync('src/main.ts', [], '/timeline from: 2015 to: 2015\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^May 2015 +“ISIS first took\s+over Palmyra in May 2015/m);
  });

  it('takes dates: and per-date: in the console, and refuses a count out of range', async () => {
    const run = await runEntryAsync('src/main.ts', [], '/timeline dates: 2 per-date: 1\n/timeline dates: 500\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^10 Dec 2016 +“/m);
    expect(run.stdout).toMatch(/^11 Dec 2016 +“/m);
    expect(run.stdout).toMatch(/2 key dates of the \d+ dates the articles state \(\d+ dated events\); all: true shows every one\./);
    expect(run.stdout + run.stderr).toMatch(/dates must be a whole number from 1 to 100/);
  });
});
