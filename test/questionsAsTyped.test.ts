import { describe, expect, it } from 'vitest';
import { buildInMemory } from '../src/core/verbatim.js';
import { article, corpusFolder, validFields } from './helpers/corpusFixture.js';
import { seedVerbatim } from './helpers/seeds.js';

/** A small corpus: one article with accented names, one without, and one about something else. */
function library() {
  const folder = corpusFolder({
    'a.md': article({ ...validFields(1), title: 'Dancers return to the stage' }, 'The company performed Café Müller in Kraków on Friday, and Søren Ødegård led the orchestra.\n\nTickets sold out within an hour of the announcement.\n'),
    'b.md': article({ ...validFields(2), title: 'Harbour news' }, 'The Cafe Central by the harbour reopened after repairs to its roof and terrace.\n\nFishermen landed a record catch of herring on Tuesday.\n'),
    'c.md': article({ ...validFields(3), title: 'Council budget' }, 'The council approved a budget of 40 million for roads and schools on Monday.\n'),
  });
  try {
    return buildInMemory(folder.dir);
  } finally {
    folder.remove();
  }
}

describe('questions as people type them', () => {
  const verbatim = library();
  const firstQuote = (question: string) => {
    const result = verbatim.ask(question);
    return result.status === 'answered' ? result.answers[0]!.quote : result.status;
  };

  it('finds names with or without their accents, either way round', () => {
    expect(firstQuote('cafe muller')).toMatch(/Café Müller/);
    expect(firstQuote('where was Cafe Muller performed, Krakow?')).toMatch(/Kraków/);
    expect(firstQuote('who led the orchestra, Soren Odegard?')).toMatch(/Søren Ødegård/);
    expect(firstQuote('when did the Café Céntral reopen')).toMatch(/Cafe Central/);
  });

  it('keeps the words as written in the quote: offsets point at the accented text', () => {
    const result = verbatim.ask('cafe muller');
    expect(result.status).toBe('answered');
    const answer = result.status === 'answered' ? result.answers[0]! : undefined;
    const body = verbatim.corpus.documents.find((d) => d.url === answer!.document.url)!.body;
    expect(body.slice(answer!.start, answer!.end)).toBe(answer!.quote);
    expect(answer!.highlights.map((h) => body.slice(h.start, h.end))).toEqual(expect.arrayContaining(['Café', 'Müller']));
  });

  it('does not let one stray word refuse a question its other words answer', () => {
    const seeds = seedVerbatim();
    const asked = seeds.ask('who retook Palmyra');
    const stray = seeds.ask('who retook Palmyra code');
    expect(asked.status).toBe('answered');
    expect(stray.status).toBe('answered');
    expect(stray.answers[0]!.quote).toBe(asked.answers[0]!.quote);
  });

  it('still refuses a question with two words the articles never use, or whose other words are not found together', () => {
    const seeds = seedVerbatim();
    expect(seeds.ask('who retook Palmyra zorblat quux').status).toBe('no-match');
    expect(seeds.ask('how do you bake sourdough bread').status).toBe('no-match');
  });
});
