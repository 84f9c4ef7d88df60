import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seedVerbatim } from './helpers/seeds.js';
import { askReply, timelineReplies } from '../src/discord/replies.js';
import { messagePayload } from '../src/discord/respond.js';
import { timelineFor } from '../src/timelineRequest.js';
import { expectAllEscaped, expectWithinLimits, quoteOf } from './helpers/discordPayload.js';

/** Pieces hostile to Discord rendering and to text handling. */
const HOSTILE = [
  '@everyone', '@here', '<@123456789012345678>', '<@!1>', '<#987654321098765432>', '<@&42>', '**bold**', '__u__', '*i*', '~~s~~', '||spoiler||',
  '```js\nalert(1)\n```', '`code`', '[link](https://evil.example)', 'https://evil.example/x?y=1', '> quote', '# heading', '- item', '1. one',
  '\u200b', '\u200d', '\u2060', '\ufeff', '\u202e', 'مرحبا بالعالم', 'שלום', 'é', 'e\u0301\u0301\u0301', '👨‍👩‍👧', '\\', '\n', '\t', 'Palmyra', 'who retook', 'ISIS',
];

const question = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 12 }).map((parts) => parts.join(' ')) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 5000, maxLength: 6000 }) },
);

const RUNS = 5_000;

describe('property: hostile questions and topics', () => {
  const verbatim = seedVerbatim();
  const bodies = new Map(verbatim.corpus.documents.map((d) => [d.url, d.body]));

  it(`never throws and every payload is safe, for ${RUNS} questions`, () => {
    fc.assert(
      fc.property(question, fc.boolean(), (q, hide) => {
        const result = verbatim.ask(q);
        const payload = messagePayload(askReply(result, { hide, page: 0, sessionId: 'abc123' }));
        expectWithinLimits(payload);
        expect(payload.allowedMentions).toEqual({ parse: [] });
        for (const embed of payload.embeds) if (embed.url && embed.description) expect(bodies.get(embed.url)).toContain(quoteOf(embed.description));
        for (const a of result.answers) expect(bodies.get(a.document.url)!.slice(a.start, a.end)).toBe(a.quote);
        // The question as shown: every markup character from the input is escaped.
        if (result.status === 'answered') {
          const shown = payload.content!.slice(payload.content!.indexOf('** ') + 3);
          expectAllEscaped(shown.replace(/ \(page \d+ of \d+\)$/, ''), '@<>*_`[]|~#');
        }
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('never throws on hostile timeline topics and keeps every message within limits', () => {
    fc.assert(
      fc.property(question, (topic) => {
        const outcome = timelineFor(verbatim, { topic });
        if (!outcome.ok) return;
        for (const reply of timelineReplies(outcome.timeline)) {
          const payload = messagePayload(reply);
          expectWithinLimits(payload);
          expect(payload.allowedMentions).toEqual({ parse: [] });
        }
      }),
      { numRuns: 300 },
    );
  }, 300_000);
});
