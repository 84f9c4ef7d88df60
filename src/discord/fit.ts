import type { APIEmbed } from 'discord.js';
import { LIMITS } from './limits.js';

export const ELLIPSIS = '…';

/** Ends of sentences (and, failing those, of words) in `text`, as cut positions. */
function cutPoints(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((m) => m.index + m[0].length);
}

/**
 * Shortens markdown text to at most `max` characters: at the last sentence end that fits, else
 * the last word end, then an ellipsis. Never leaves a dangling escape or an unclosed bold.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length - 2; // room for a closing ** if the cut opened one
  if (room <= 0) return ELLIPSIS.slice(0, max);
  const sentenceEnds = cutPoints(text, /[.!?…]["”’)\]*]*(?=\s)/g).filter((i) => i <= room);
  const wordEnds = cutPoints(text, /[^\s\\](?=\s)/g).filter((i) => i <= room);
  const at = sentenceEnds.at(-1) ?? wordEnds.at(-1) ?? room;
  let cut = text.slice(0, at).trimEnd();
  if (/(^|[^\\])(\\\\)*\\$/.test(cut)) cut = cut.slice(0, -1);
  const openBold = (cut.match(/(?<!\\)\*\*/g) ?? []).length % 2 === 1;
  return `${cut}${openBold ? '**' : ''}${ELLIPSIS}`;
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** One embed within every per-part limit (yuudachi's truncateEmbed). */
function truncateEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title) out.title = cutText(out.title, LIMITS.embedTitle);
  if (out.description) out.description = cutText(out.description, LIMITS.embedDescription);
  if (out.author) out.author = { ...out.author, name: cutText(out.author.name, LIMITS.author) };
  if (out.footer) out.footer = { ...out.footer, text: cutText(out.footer.text, LIMITS.footer) };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((f) => ({ ...f, name: cutText(f.name, LIMITS.fieldName), value: cutText(f.value, LIMITS.fieldValue) }));
  }
  return out;
}

/**
 * Embeds for one message within Discord's limits: at most 10, each truncated, and together at
 * most 6000 characters (the last embeds go first, then the last one left is cut).
 */
export function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, LIMITS.embeds).map(truncateEmbed);
  const total = () => fitted.reduce((n, e) => n + embedLength(e), 0);
  while (fitted.length > 1 && total() > LIMITS.embedsTotal) fitted.pop();
  if (fitted.length === 1 && total() > LIMITS.embedsTotal) {
    const [only] = fitted;
    const over = total() - LIMITS.embedsTotal;
    fitted[0] = { ...only, description: cutText(only!.description ?? '', Math.max(0, (only!.description?.length ?? 0) - over)) };
  }
  return fitted;
}

export function fitContent(content: string): string {
  return cutText(content, LIMITS.content);
}
