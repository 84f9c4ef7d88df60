import { dateBoundOptions, stringOption, type OptionValues } from './command.js';
import type { Timeline, TimelineOptions } from './core/timeline.js';
import type { Verbatim } from './core/verbatim.js';

export type TimelineOutcome = { ok: true; timeline: Timeline } | { ok: false; message: string };

/** A timeline asked for with /timeline's options (Discord, console or CLI), or why it is refused. */
export function timelineFor(verbatim: Verbatim, options: OptionValues): TimelineOutcome {
  const dates = dateBoundOptions(options);
  if (!dates.ok) return dates;
  const topic = stringOption(options, 'topic');
  const wanted: TimelineOptions = { ...dates.bounds, ...(topic !== undefined && topic.trim() !== '' ? { topic } : {}) };
  return { ok: true, timeline: verbatim.timeline(wanted) };
}
