import { describe, expect, it } from 'vitest';
import { findSources, MAX_CLAIMS } from '../src/core/findSources.js';
import { seedVerbatim } from './helpers/seeds.js';
import { sourcesForJson } from '../src/json.js';

const verbatim = seedVerbatim();
const bodies = new Map(verbatim.corpus.documents.map((d) => [d.url, d.body]));

describe('find sources for a text', () => {
  it('looks up only the sentences that state something checkable, with their offsets in the text', () => {
    const text = 'Hello everyone!\nI really think this is awful. Islamic State militants recaptured Palmyra on Sunday. Did the army withdraw?';
    const { claims } = findSources(verbatim.index, text);
    expect(claims.map((c) => c.claim)).toEqual(['Islamic State militants recaptured Palmyra on Sunday.']);
    for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.claim);
  });

  it('quotes the articles word for word, and says when they have nothing on a claim', () => {
    const { claims } = findSources(verbatim.index, 'Russia launched 64 airstrikes overnight near Palmyra. Engineers in Oslo opened a tunnel of 14 kilometres in 1998.');
    expect(claims).toHaveLength(2);
    expect(claims[0]!.quotes.length).toBeGreaterThan(0);
    for (const q of claims[0]!.quotes) expect(bodies.get(q.document.url)!.slice(q.start, q.end)).toBe(q.quote);
    expect(claims[1]!.quotes).toEqual([]);
  });

  it('keeps at most three claims, the most checkable, in the order of the text', () => {
    const sentences = [
      'The weather was nice in the city.',
      'ISIS fighters entered Palmyra on 11 December 2016.',
      'People talked about it a lot.',
      'Russia said 4,000 IS fighters were deployed to Palmyra.',
      'The Syrian Army withdrew from Palmyra on Sunday.',
      'Activists in Homs reported 300 dead fighters.',
    ];
    const text = sentences.join(' ');
    const { claims } = findSources(verbatim.index, text);
    expect(claims.length).toBe(MAX_CLAIMS);
    expect(claims.map((c) => c.start)).toEqual([...claims.map((c) => c.start)].sort((a, b) => a - b));
    expect(claims.map((c) => c.claim)).not.toContain('People talked about it a lot.');
  });

  it('shows a figure of the message beside a source that gives another, never saying which is right', () => {
    const text = 'Some 9,000 IS fighters were deployed to Palmyra, the ministry said.';
    const [claim] = findSources(verbatim.index, text).claims;
    const differs = claim!.messageDiffers[0]!;
    expect(text.slice(differs.message.start, differs.message.end)).toBe('9,000 IS fighters');
    expect(differs.source.quote.slice(differs.source.at.start, differs.source.at.end)).toMatch(/^4,000 IS fighters$/);
    expect(bodies.get(differs.source.document.url)!.slice(differs.source.start, differs.source.end)).toBe(differs.source.quote);
    // In JSON (README): the kind, the message's words, and the figure's place in the source's quote.
    const [json] = sourcesForJson(findSources(verbatim.index, text)).claims[0]!.messageDiffers;
    expect(json).toMatchObject({ kind: 'figure', message: { text: '9,000 IS fighters' } });
    expect(json!.source.quote.slice(json!.source.at.start, json!.source.at.end)).toBe('4,000 IS fighters');
    // The same figure is no difference.
    expect(findSources(verbatim.index, 'Some 4,000 IS fighters were deployed to Palmyra, the ministry said.').claims[0]!.messageDiffers).toEqual([]);
  });

  it('shows a date of the message beside a source that dates the same event otherwise (its date read against its publication)', () => {
    const text = 'Islamic State militants recaptured the ancient city of Palmyra on 14 December 2016.';
    const [claim] = findSources(verbatim.index, text).claims;
    const dates = claim!.messageDiffers.filter((d) => d.kind === 'date');
    expect(dates.map((d) => d.message.text)).toEqual(['on 14 December 2016']);
    expect(dates[0]!.source.quote.slice(dates[0]!.source.at.start, dates[0]!.source.at.end)).toMatch(/Sunday/);
    // The day the source means (Sunday 11 December 2016) is no difference; a day without a year is not compared.
    expect(findSources(verbatim.index, text.replace('14 December', '11 December')).claims[0]!.messageDiffers).toEqual([]);
    expect(findSources(verbatim.index, text.replace(' 2016', '')).claims[0]!.messageDiffers).toEqual([]);
  });

  it('finds nothing to look up in an empty text or one of questions only', () => {
    expect(findSources(verbatim.index, '').claims).toEqual([]);
    expect(findSources(verbatim.index, 'Who retook Palmyra? When did it happen?').claims).toEqual([]);
  });
});
