import { dateBoundOptions, type DateRangeOptions } from './commandDefinition.js';
import { MAX_KEY_DATES, MAX_REPORTS_PER_DATE, type Timeline, type TimelineOptions } from './core/timeline.js';
import type { Verbatim } from './core/verbatim.js';
import { MESSAGES } from './messages.js';

export type TimelineOutcome = { ok: true; timeline: Timeline } | { ok: false; message: string };

/** What /timeline asks for, from any face (Discord, console or CLI). */
export interface TimelineRequest extends DateRangeOptions {
  topic?: string;
  /** Key dates to show (a summary); absent: the default. */
  dates?: number;
  /** Reports to quote for each key date; absent: the default. */
  perDate?: number;
  /** Every dated event instead of a summary. */
  all?: boolean;
}

const inRange = (n: number | undefined, max: number) => n === undefined || (Number.isInteger(n) && n >= 1 && n <= max);

/** The timeline options a request asks for, or why they are refused (the same wording on every face). */
export function timelineOptions(request: TimelineRequest): { ok: true; options: TimelineOptions } | { ok: false; message: string } {
  const dates = dateBoundOptions(request);
  if (!dates.ok) return dates;
  if (!inRange(request.dates, MAX_KEY_DATES)) return { ok: false, message: MESSAGES.wholeNumberRange('dates', MAX_KEY_DATES) };
  if (!inRange(request.perDate, MAX_REPORTS_PER_DATE)) return { ok: false, message: MESSAGES.wholeNumberRange('per-date', MAX_REPORTS_PER_DATE) };
  const { topic, all } = request;
  return {
    ok: true,
    options: {
      ...dates.bounds,
      ...(topic !== undefined && topic.trim() !== '' ? { topic } : {}),
      ...(request.dates !== undefined ? { dates: request.dates } : {}),
      ...(request.perDate !== undefined ? { perDate: request.perDate } : {}),
      ...(all ? { all } : {}),
    },
  };
}

/** A timeline asked for with /timeline's options, or why it is refused. */
export function timelineFor(verbatim: Verbatim, request: TimelineRequest): TimelineOutcome {
  const wanted = timelineOptions(request);
  return wanted.ok ? { ok: true, timeline: verbatim.timeline(wanted.options) } : wanted;
}

/** The same, made in steps that give the event loop back (the bot, the console). */
export async function timelineInStepsFor(verbatim: Verbatim, request: TimelineRequest): Promise<TimelineOutcome> {
  const wanted = timelineOptions(request);
  return wanted.ok ? { ok: true, timeline: await verbatim.timelineInSteps(wanted.options) } : wanted;
}
