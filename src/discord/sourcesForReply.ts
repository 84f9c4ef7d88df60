import { ButtonStyle, ComponentType, type APIEmbed } from 'discord-api-types/v10';
import type { SourcesFor } from '../core/findSources.js';
import { MESSAGES, clipped } from '../messages.js';
import { encodeButtonId } from './buttonIds.js';
import { escapeMarkdown, maskedLink } from './markdown.js';
import { LIMITS } from './limits.js';
import { fitQuote, type Reply } from './replies.js';

/** Room a quote takes in a field, leaving room for its article's link. */
const QUOTE_ROOM = 700;

/**
 * "Find sources" as embeds: one per claim, the claim (the message's words) as its description and
 * each quote as a field with its article; figures the sources give otherwise, side by side.
 * Private, with a button that posts the same embeds to the channel.
 */
export function sourcesForReply(result: SourcesFor, posted = false): Reply {
  if (result.claims.length === 0) return { content: MESSAGES.noClaims, ephemeral: true };
  const embeds: APIEmbed[] = result.claims.map((claim, n) => {
    const fields = claim.quotes.map((q) => ({
      name: clipped(`${q.document.outlet} · ${q.document.published}`, LIMITS.fieldName - 1),
      value: `${fitQuote(q, QUOTE_ROOM)}\n${maskedLink(q.document.title, q.document.url)}`,
    }));
    for (const d of claim.messageDiffers.slice(0, 2)) {
      fields.push({
        name: MESSAGES.sourcesDiffer,
        value: `${MESSAGES.messageSays} “${escapeMarkdown(d.message.text)}”; ${escapeMarkdown(MESSAGES.sourceSays(d.source.document.outlet))} ${fitQuote({ quote: d.source.quote, start: d.source.start, highlights: [] }, 400)} ${maskedLink(d.source.document.title, d.source.document.url)}`,
      });
    }
    return {
      title: MESSAGES.claimHeading(n + 1),
      description: `> ${escapeMarkdown(clipped(claim.claim, 1000)).replace(/\n/g, ' ')}${claim.quotes.length === 0 ? `\n\n${MESSAGES.nothingOnClaim}` : ''}`,
      ...(fields.length > 0 ? { fields } : {}),
      ...(n === result.claims.length - 1 ? { footer: { text: MESSAGES.sourcesForFooter } } : {}),
    };
  });
  const post = encodeButtonId({ command: 'sources-for', action: 'post', sessionId: '0', page: 0 });
  return {
    embeds,
    ephemeral: !posted,
    ...(posted ? {} : { components: [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Success, label: MESSAGES.postToChannel, custom_id: post }] }] }),
  };
}
