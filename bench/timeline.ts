/**
 * npx tsx bench/timeline.ts [--corpus DIR]
 *
 * The first /timeline on a large corpus as the bot serves it (default: the Brown corpus of 3,000
 * articles that `npm run bench` builds): reading every date without holding the event loop, the
 * key-date summary, the picture, and the whole chronology rendered for the attachment, each as
 * commands/timeline.ts makes them. Prints
 * the time to each step and the longest event-loop stall (monitorEventLoopDelay) over all of them.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { brownCorpus } from './corpora.js';
import { openWithCache } from '../src/core/verbatim.js';
import { chronologyOf } from '../src/core/timeline.js';
import { renderTimelineText } from '../src/console/formatText.js';
import { timelineReplies } from '../src/discord/replies.js';
import { registerFonts, renderTimelinePng } from '../src/picture/timelinePng.js';
import { loadLanguageModel } from '../src/core/analyzer.js';

const { values } = parseArgs({ options: { corpus: { type: 'string' } } });
const dir = values.corpus ?? brownCorpus(resolve('bench/.corpora')).dir;
const verbatim = await openWithCache(dir, { cacheDir: resolve('bench/.cache') });
const articles = verbatim.corpus.documents.length;
// As the bot does at start (src/discord/bot.ts), before it takes interactions.
loadLanguageModel();
registerFonts();

const stall = monitorEventLoopDelay({ resolution: 10 });
stall.enable();
const started = performance.now();
const stalls: Record<string, number> = {};
/** Milliseconds since the last lap, and the step's longest stall noted under its name. */
const lap = (() => {
  let last = started;
  return (name: string) => {
    const now = performance.now();
    const ms = Math.round(now - last);
    last = now;
    stalls[name] = Math.round(stall.max / 1e6);
    stall.reset();
    return ms;
  };
})();
await verbatim.prepareTimeline();
const readDates = lap('readDates');
const summary = await verbatim.timelineInSteps();
const summarise = lap('summarise');
const picture = renderTimelinePng(summary);
const draw = lap('draw');
const replies = timelineReplies(summary, { picture, fullText: () => renderTimelineText(chronologyOf(summary)) });
const chronology = lap('chronologyAttachment');
await new Promise((r) => setImmediate(r));
lap('last');
stall.disable();
const total = Math.round(performance.now() - started);
console.log(
  JSON.stringify({
    articles,
    passages: verbatim.passages.length,
    keyDates: summary.dates,
    chronology: summary.chronology,
    ms: { readDates, summarise, draw, chronologyAttachment: chronology, total },
    messages: replies.length,
    maxStallMs: Math.max(...Object.values(stalls)),
    stallMsByStep: stalls,
  }),
);
