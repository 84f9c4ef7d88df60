import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { formatFuzzyDate, type FuzzyDate } from '../core/dates.js';
import type { Timeline } from '../core/timeline.js';
import { cssColour, distinctOutletColours } from '../outletColours.js';
import { MESSAGES } from '../messages.js';

const require = createRequire(import.meta.url);
let fontsReady = false;

/** DejaVu ships inside an npm package, so the picture looks the same on any machine, fonts or not. */
export function registerFonts(): void {
  if (fontsReady) return;
  GlobalFonts.registerFromPath(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), 'Verbatim Sans');
  GlobalFonts.registerFromPath(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'), 'Verbatim Sans Bold');
  fontsReady = true;
}

const WIDTH = 1240;
const MARGIN = 40;
const HEADER = 100;
const ROW = 30;
/** The time axis, with its scale's labels to the left. */
const AXIS_X = 150;
/** Where an event's row starts: its date, then a short label from its quote. */
const ROW_X = 220;
const DATE_WIDTH = 110;
const LEGEND_ROW = 30;
/** A label is a glance at the quote, not the quote: the text timeline carries it whole. */
const LABEL_WIDTH = 760;
/** More rows than this make an unreadable picture; the text timeline still has every event. */
const MAX_PICTURE_EVENTS = 60;
const DAY_MS = 86_400_000;

const INK = '#1e1f22';
const MUTED = '#5c5f66';
const RULE = '#c4c7cc';
const PAPER = '#ffffff';

/** Text as the canvas can draw it: control characters (a NUL makes the renderer throw) become spaces, runs of space one. */
function drawable(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/** The start of a quote that fits in `width`, cut at a word and marked with an ellipsis. */
function shortLabel(ctx: SKRSContext2D, quote: string, width: number): string {
  const oneLine = drawable(quote);
  if (ctx.measureText(oneLine).width <= width) return oneLine;
  const words = oneLine.split(' ');
  let label = '';
  for (const word of words) {
    const next = label ? `${label} ${word}` : word;
    if (ctx.measureText(`${next}…`).width > width) break;
    label = next;
  }
  return `${label || oneLine.slice(0, 20)}…`;
}

/** The start of a fuzzy date's period, in ms: where it sits on the time axis (in date order, as the rows are). */
function instant(date: FuzzyDate): number {
  const [y, m = 1, d = 1] = date.iso.split('-').map(Number) as [number, number?, number?];
  return Date.UTC(y, m - 1, d);
}

/** Scale marks for a time range: years, else months, else days, about `wanted` of them. */
function scaleMarks(first: number, last: number, wanted: number): { at: number; label: string }[] {
  const span = last - first;
  const start = new Date(first);
  const marks: { at: number; label: string }[] = [];
  if (span > 2 * 365 * DAY_MS) {
    const step = Math.max(1, Math.ceil(span / (365 * DAY_MS) / wanted));
    for (let y = start.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= last; y += step) marks.push({ at: Date.UTC(y, 0, 1), label: String(y) });
  } else if (span > 60 * DAY_MS) {
    const step = Math.max(1, Math.ceil(span / (30.4 * DAY_MS) / wanted));
    for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1); t <= last; ) {
      const d = new Date(t);
      marks.push({ at: t, label: formatFuzzyDate({ iso: d.toISOString().slice(0, 7), precision: 'month' }) });
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1);
    }
  } else {
    const step = Math.max(1, Math.ceil(span / DAY_MS / wanted));
    for (let t = first; t <= last; t += step * DAY_MS) marks.push({ at: t, label: formatFuzzyDate({ iso: new Date(t).toISOString().slice(0, 10), precision: 'day' }).replace(/ \d{4}$/, '') });
  }
  return marks;
}

/**
 * The timeline as a PNG: a time axis drawn to scale (a week apart looks a week apart), a dot on
 * it for each event in each reporting outlet's colour, and a row per event joined to its dot:
 * the date and a short label from the event's quote. Only quoted words and fixed labels appear.
 */
export function renderTimelinePng(timeline: Timeline): Buffer {
  registerFonts();
  const events = timeline.events.slice(0, MAX_PICTURE_EVENTS);
  const outlets = [...new Set(timeline.events.flatMap((e) => e.quotes.map((q) => q.document.outlet)))].sort((a, b) => a.localeCompare(b));
  const colours = distinctOutletColours(outlets);
  const legendRows = Math.ceil(outlets.length / 3);
  const hidden = timeline.events.length - events.length;

  // The axis is as long as the rows need, so rows sit beside their time wherever they can.
  const axisTop = HEADER + ROW / 2;
  const axisLength = Math.max(ROW * 4, (events.length - 1) * ROW * 1.2);
  const times = events.map(instant);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const yOf = (t: number) => (last === first ? axisTop + axisLength / 2 : axisTop + ((t - first) / (last - first)) * axisLength);
  const rows: number[] = [];
  events.forEach((_, i) => {
    const wanted = yOf(times[i]!);
    rows.push(i === 0 ? wanted : Math.max(wanted, rows[i - 1]! + ROW));
  });
  // Rows pushed past the axis's end are pulled back up as a block, keeping their order.
  const overflow = rows.length > 0 ? rows.at(-1)! - (axisTop + axisLength) : 0;
  if (overflow > 0) {
    for (let i = rows.length - 1; i >= 0; i--) {
      const limit = i === rows.length - 1 ? axisTop + axisLength : rows[i + 1]! - ROW;
      rows[i] = Math.max(axisTop, Math.min(rows[i]!, limit));
    }
  }
  const bottom = Math.max(axisTop + axisLength, ...rows);
  const height = bottom + ROW / 2 + (hidden > 0 ? ROW : 0) + 40 + legendRows * LEGEND_ROW + MARGIN;

  const canvas = createCanvas(WIDTH, Math.ceil(height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, WIDTH, height);

  ctx.fillStyle = INK;
  ctx.font = '26px "Verbatim Sans Bold"';
  ctx.fillText(timeline.events.length < timeline.chronology.events ? MESSAGES.keyDatesTitle(timeline.dates) : MESSAGES.timelineTitle, MARGIN, 48);
  ctx.fillStyle = MUTED;
  ctx.font = '15px "Verbatim Sans"';
  ctx.fillText(MESSAGES.pictureSubtitle(timeline.events.length, outlets.length), MARGIN, 74);

  ctx.strokeStyle = RULE;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(AXIS_X, axisTop - ROW / 2);
  ctx.lineTo(AXIS_X, axisTop + axisLength + ROW / 2);
  ctx.stroke();

  ctx.textBaseline = 'middle';
  ctx.font = '13px "Verbatim Sans"';
  ctx.textAlign = 'right';
  for (const mark of last > first ? scaleMarks(first, last, Math.max(2, Math.round(axisLength / (ROW * 3)))) : []) {
    const y = yOf(mark.at);
    ctx.fillStyle = MUTED;
    ctx.fillText(mark.label, AXIS_X - 14, y);
    ctx.strokeStyle = RULE;
    ctx.beginPath();
    ctx.moveTo(AXIS_X - 8, y);
    ctx.lineTo(AXIS_X, y);
    ctx.stroke();
  }
  ctx.textAlign = 'left';

  events.forEach((event, i) => {
    const at = yOf(times[i]!);
    const y = rows[i]!;
    const eventOutlets = [...new Set(event.quotes.map((q) => q.document.outlet))];
    ctx.strokeStyle = RULE;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(AXIS_X, at);
    ctx.lineTo(ROW_X - 10, y);
    ctx.stroke();
    eventOutlets.forEach((outlet, k) => {
      ctx.fillStyle = cssColour(colours.get(outlet)!);
      ctx.beginPath();
      ctx.arc(AXIS_X + k * 5, at, 6, 0, Math.PI * 2);
      ctx.fill();
    });
    const sameDateAsAbove = i > 0 && events[i - 1]!.iso === event.iso && events[i - 1]!.precision === event.precision;
    ctx.fillStyle = INK;
    ctx.font = '15px "Verbatim Sans Bold"';
    if (!sameDateAsAbove) ctx.fillText(formatFuzzyDate(event), ROW_X, y);
    eventOutlets.forEach((outlet, k) => {
      ctx.fillStyle = cssColour(colours.get(outlet)!);
      ctx.fillRect(ROW_X + DATE_WIDTH + k * 8, y - 7, 5, 14);
    });
    const labelX = ROW_X + DATE_WIDTH + eventOutlets.length * 8 + 8;
    const count = eventOutlets.length > 1 ? `· ${eventOutlets.length} outlets` : '';
    ctx.font = '13px "Verbatim Sans"';
    const countWidth = count ? ctx.measureText(count).width + 10 : 0;
    ctx.font = '15px "Verbatim Sans"';
    ctx.fillStyle = INK;
    const label = `“${shortLabel(ctx, event.quotes[0]!.quote, LABEL_WIDTH - eventOutlets.length * 8 - countWidth)}”`;
    ctx.fillText(label, labelX, y);
    if (count) {
      const labelWidth = ctx.measureText(label).width;
      ctx.font = '13px "Verbatim Sans"';
      ctx.fillStyle = MUTED;
      ctx.fillText(count, labelX + labelWidth + 10, y);
    }
  });

  let y = bottom + ROW;
  if (hidden > 0) {
    ctx.font = '14px "Verbatim Sans"';
    ctx.fillStyle = MUTED;
    ctx.fillText(MESSAGES.pictureMore(hidden), ROW_X, y);
    y += ROW;
  }
  y += 10;
  ctx.font = '14px "Verbatim Sans"';
  outlets.forEach((outlet, i) => {
    const x = MARGIN + (i % 3) * ((WIDTH - 2 * MARGIN) / 3);
    const rowY = y + Math.floor(i / 3) * LEGEND_ROW;
    ctx.fillStyle = cssColour(colours.get(outlet)!);
    ctx.beginPath();
    ctx.arc(x + 6, rowY, 6, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = INK;
    ctx.textBaseline = 'middle';
    ctx.fillText(drawable(outlet), x + 20, rowY);
  });
  return canvas.toBuffer('image/png');
}
