import { MessageFlags } from 'discord-api-types/v10';
import type { ButtonInteraction, RepliableInteraction, SendableChannels, Message } from 'discord.js';
import { fitContent, fitEmbeds } from './fit.js';
import type { Reply } from './replies.js';

/** Nobody is ever pinged: corpus and user text may hold @everyone or <@id>. */
export const NO_MENTIONS = { parse: [] as [] };

/** The exact message options every send uses: fitted to the limits, mentions off. */
export function messagePayload(reply: Reply) {
  return {
    ...(reply.content !== undefined ? { content: fitContent(reply.content) } : {}),
    embeds: fitEmbeds(reply.embeds ?? []),
    ...(reply.files ? { files: reply.files.map((f) => ({ attachment: f.data, name: f.name })) } : {}),
    ...(reply.components ? { components: reply.components } : {}),
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * The one path by which the bot answers an interaction: fits the payload to Discord's limits,
 * blocks mentions, and picks reply, edit or follow-up from the interaction's state. A reply
 * that must be private after a public defer replaces the placeholder with a private follow-up.
 */
export async function respond(interaction: RepliableInteraction, reply: Reply): Promise<void> {
  const payload = messagePayload(reply);
  const ephemeral = reply.ephemeral === true;
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...payload, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
    return;
  }
  if (interaction.deferred && !interaction.replied && (interaction.ephemeral ?? false) === ephemeral) {
    await interaction.editReply(payload);
    return;
  }
  if (interaction.deferred && !interaction.replied) await interaction.deleteReply().catch(() => undefined);
  await interaction.followUp({ ...payload, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
}

/**
 * Acknowledges an interaction whose answer takes a while, unless the handler already did (it
 * defers for a command whose server library is still loading).
 */
export async function deferOnce(interaction: RepliableInteraction, ephemeral: boolean): Promise<void> {
  if (!interaction.deferred && !interaction.replied) await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
}

/** A button's answer that replaces the message it sits on (paging). */
export async function update(interaction: ButtonInteraction, reply: Reply): Promise<void> {
  await interaction.update({ ...messagePayload(reply), components: reply.components ?? [] });
}

/** A further message after the first reply (long timelines come in several). */
export async function followUp(interaction: RepliableInteraction, reply: Reply): Promise<Message> {
  return interaction.followUp({ ...messagePayload(reply), ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
}

/** A message posted into a channel, under the same limits and mention rules. */
export async function sendToChannel(channel: SendableChannels, reply: Reply): Promise<Message> {
  return channel.send(messagePayload(reply));
}
