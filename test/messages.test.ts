import { beforeAll, describe, expect, it } from 'vitest';
import { buildInMemory, type Verbatim } from '../src/core/verbatim.js';
import { BUNDLED_CORPUS } from '../src/corpusDir.js';
import { renderAskText, renderTimelineText } from '../src/console/formatText.js';
import { askReply, timelineReplies } from '../src/discord/replies.js';
import { PLAIN } from '../src/commandDefinition.js';
import { MESSAGES } from '../src/messages.js';

/** The console and Discord say the same fixed sentences: both read them from src/messages.ts. */
describe('fixed messages are the same in every face', () => {
  let verbatim: Verbatim;
  beforeAll(() => {
    verbatim = buildInMemory(BUNDLED_CORPUS);
  });

  it('says "no good match" in the same words', () => {
    const result = verbatim.ask('quantum chromodynamics lattice gauge');
    expect(result.status).toBe('no-match');
    expect(renderAskText(result, PLAIN)).toBe(MESSAGES.noMatch);
    expect(askReply(result).content).toBe(MESSAGES.noMatch);
  });

  it('refuses a bad question in the same words (Discord adds only its ❌)', () => {
    for (const question of ['', 'the of and', 'x'.repeat(400)]) {
      const result = verbatim.ask(question);
      expect(result.status).toBe('invalid');
      const text = renderAskText(result, PLAIN);
      expect(Object.values(MESSAGES).some((m) => m === text) || text === MESSAGES.questionTooLong(300)).toBe(true);
      expect(askReply(result).content).toBe(MESSAGES.refused(text));
    }
  });

  it('says an empty timeline in the same words', () => {
    const timeline = verbatim.timeline({ topic: 'quantum chromodynamics' });
    expect(timeline.events).toEqual([]);
    expect(renderTimelineText(timeline)).toBe(MESSAGES.emptyTimeline);
    expect(timelineReplies(timeline)[0]!.content).toBe(MESSAGES.emptyTimeline);
  });
});
