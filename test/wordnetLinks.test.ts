import { afterAll, describe, expect, it } from 'vitest';
import { buildInMemory } from '../src/core/verbatim.js';
import { article, corpusFolder } from './helpers/corpusFixture.js';

/** A small corpus of its own: the seeds are not the world. */
const folder = corpusFolder({
  'harbour.md': article(
    { title: 'Harbour town council meets', outlet: 'Coast Herald', url: 'https://herald.example/council', published: '2024-03-02' },
    'The harbour council met on Tuesday to discuss the new ferry timetable.\n\nThe former harbour master was murdered at the quay in 2019, the council recalled.\n\nCouncillor Anna Sommer asked for a new lighthouse budget.',
  ),
  'ferry.md': article(
    { title: 'Ferry timetable changes', outlet: 'Island Post', url: 'https://post.example/ferry', published: '2024-03-04' },
    'The morning ferry will leave at seven from April.\n\nTickets for the evening crossing will cost more in summer.\n\nThe death of the old ferryman in 1998 ended the night crossings.',
  ),
});
afterAll(() => folder.remove());
const verbatim = buildInMemory(folder.dir);

describe('WordNet links beyond synonyms', () => {
  it('links a general word asked to the corpus word for a kind of it ("kill" → "murder"), at less than a synonym', () => {
    const murder = verbatim.index.nearForms('kill').find((f) => f.term === 'murder');
    expect(murder).toMatchObject({ kind: 'broader' });
    const result = verbatim.ask('when was the harbour master killed at the quay');
    expect(result.status).toBe('answered');
    const [first] = result.answers;
    expect(first!.quote).toMatch(/was murdered at the quay/);
    const body = verbatim.corpus.documents.find((d) => d.id === first!.document.id)!.body;
    expect(first!.highlights.map((h) => body.slice(h.start, h.end))).toContain('murdered');
  });

  it('links a word to its family in another part of speech ("die" → "death"), searched as well', () => {
    expect(verbatim.index.nearForms('die').find((f) => f.term === 'death')).toMatchObject({ kind: 'family' });
    const result = verbatim.ask('when did the old ferryman die');
    expect(result.status).toBe('answered');
    expect(result.answers[0]!.quote).toMatch(/death of the old ferryman in 1998/);
  });

  it('does not answer from a paragraph that meets the question only through a near form or related word', () => {
    // "sommelier" is not in the corpus; "Sommer" shares its first letters and nothing else.
    expect(verbatim.ask('sommelier').status).toBe('no-match');
    expect(verbatim.ask('what does a sommelier do').status).toBe('no-match');
  });
});
