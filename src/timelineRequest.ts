import { dateBoundOptions, type DateRangeOptions } from './commandDefinition.js';
import type { Timeline, TimelineOptions } from './core/timeline.js';
import type { Verbatim } from './core/verbatim.js';

export type TimelineOutcome = { ok: true; timeline: Timeline } | { ok: false; message: string };

/** What /timeline asks for, from any face (Discord, console or CLI). */
export interface TimelineRequest extends DateRangeOptions {
  topic?: string;
}

/** A timeline asked for with /timeline's options, or why it is refused. */
export function timelineFor(verbatim: Verbatim, request: TimelineRequest): TimelineOutcome {
  const dates = dateBoundOptions(request);
  if (!dates.ok) return dates;
  const { topic } = request;
  const wanted: TimelineOptions = { ...dates.bounds, ...(topic !== undefined && topic.trim() !== '' ? { topic } : {}) };
  return { ok: true, timeline: verbatim.timeline(wanted) };
}
