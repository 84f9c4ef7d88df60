import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { formatFuzzyDate } from '../core/dates.js';
import type { Timeline } from '../core/timeline.js';
import { cssColour, outletColour } from '../outletColours.js';

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
const HEADER = 90;
const ROW = 34;
const DATE_RIGHT = 190;
const AXIS_X = 215;
const LABEL_X = 250;
const LEGEND_ROW = 30;
/** A label is a glance at the quote, not the quote: the text timeline carries it whole. */
const LABEL_WIDTH = 820;
/** More rows than this make an unreadable picture; the text timeline still has every event. */
const MAX_PICTURE_EVENTS = 60;

const INK = '#1e1f22';
const MUTED = '#5c5f66';
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

/**
 * The timeline as a PNG: dates down an axis, one dot per reporting outlet in its colour, and a
 * short label from each event's quote. Only quoted words and fixed labels appear.
 */
export function renderTimelinePng(timeline: Timeline): Buffer {
  registerFonts();
  const events = timeline.events.slice(0, MAX_PICTURE_EVENTS);
  const outlets = [...new Set(timeline.events.flatMap((e) => e.quotes.map((q) => q.document.outlet)))].sort((a, b) => a.localeCompare(b));
  const legendRows = Math.ceil(outlets.length / 3);
  const hidden = timeline.events.length - events.length;
  const height = HEADER + Math.max(1, events.length) * ROW + (hidden > 0 ? ROW : 0) + 30 + legendRows * LEGEND_ROW + MARGIN;

  const canvas = createCanvas(WIDTH, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, WIDTH, height);

  ctx.fillStyle = INK;
  ctx.font = '26px "Verbatim Sans Bold"';
  ctx.fillText('Timeline', MARGIN, 48);
  ctx.fillStyle = MUTED;
  ctx.font = '15px "Verbatim Sans"';
  ctx.fillText(`${timeline.events.length} dated events, quoted from ${outlets.length} outlets`, MARGIN, 74);

  const top = HEADER + ROW / 2;
  const bottom = top + Math.max(0, events.length - 1) * ROW;
  ctx.strokeStyle = '#c4c7cc';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(AXIS_X, top - ROW / 2);
  ctx.lineTo(AXIS_X, bottom + ROW / 2);
  ctx.stroke();

  events.forEach((event, i) => {
    const y = top + i * ROW;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    ctx.fillStyle = INK;
    ctx.font = '15px "Verbatim Sans Bold"';
    ctx.fillText(formatFuzzyDate(event), DATE_RIGHT, y);
    ctx.textAlign = 'left';

    const eventOutlets = [...new Set(event.quotes.map((q) => q.document.outlet))];
    eventOutlets.forEach((outlet, k) => {
      ctx.fillStyle = cssColour(outletColour(outlet));
      ctx.beginPath();
      ctx.arc(AXIS_X + k * 12, y, 6, 0, Math.PI * 2);
      ctx.fill();
    });

    const labelX = LABEL_X + (eventOutlets.length - 1) * 12;
    ctx.font = '15px "Verbatim Sans"';
    ctx.fillStyle = INK;
    const label = `“${shortLabel(ctx, event.quotes[0]!.quote, LABEL_WIDTH)}”`;
    ctx.fillText(label, labelX, y);
    const labelWidth = ctx.measureText(label).width;
    if (eventOutlets.length > 1) {
      ctx.font = '13px "Verbatim Sans"';
      ctx.fillStyle = MUTED;
      ctx.fillText(`· ${eventOutlets.length} outlets`, labelX + labelWidth + 10, y);
    }
  });

  let y = bottom + ROW;
  if (hidden > 0) {
    ctx.font = '14px "Verbatim Sans"';
    ctx.fillStyle = MUTED;
    ctx.fillText(`…and ${hidden} more events in the text timeline`, LABEL_X, y);
    y += ROW;
  }
  y += 10;
  ctx.font = '14px "Verbatim Sans"';
  outlets.forEach((outlet, i) => {
    const x = MARGIN + (i % 3) * ((WIDTH - 2 * MARGIN) / 3);
    const rowY = y + Math.floor(i / 3) * LEGEND_ROW;
    ctx.fillStyle = cssColour(outletColour(outlet));
    ctx.beginPath();
    ctx.arc(x + 6, rowY, 6, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = INK;
    ctx.textBaseline = 'middle';
    ctx.fillText(drawable(outlet), x + 20, rowY);
  });
  return canvas.toBuffer('image/png');
}
