import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction, GuildTextBasedChannel } from 'discord.js';
import { MESSAGES } from '../messages.js';

const NEEDED_BY_INVOKER = { 'View Channel': PermissionFlagsBits.ViewChannel, 'Send Messages': PermissionFlagsBits.SendMessages } as const;
const NEEDED_BY_BOT = {
  'View Channel': PermissionFlagsBits.ViewChannel,
  'Send Messages': PermissionFlagsBits.SendMessages,
  'Embed Links': PermissionFlagsBits.EmbedLinks,
  // The picture of the timeline is an attachment.
  'Attach Files': PermissionFlagsBits.AttachFiles,
} as const;

const POSTABLE = new Set([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

export type PostingCheck = { ok: true; channel: GuildTextBasedChannel } | { ok: false; message: string };

function missing(names: Record<string, bigint>, has: (bit: bigint) => boolean): string[] {
  return Object.entries(names)
    .filter(([, bit]) => !has(bit))
    .map(([name]) => name);
}

const list = (names: string[]) => `${names.join(', ')} ${names.length === 1 ? 'permission' : 'permissions'}`;

/**
 * May this interaction post into `channelId`? The invoker must be able to send there (a
 * moderator cannot use the bot to reach a channel they cannot write in) and so must the bot.
 */
export async function checkPosting(interaction: ChatInputCommandInteraction, channelId: string): Promise<PostingCheck> {
  if (!interaction.inCachedGuild()) return { ok: false, message: MESSAGES.timelineOnlyInServer };
  const channel = interaction.guild.channels.cache.get(channelId);
  if (!channel || !POSTABLE.has(channel.type) || !channel.isTextBased()) {
    return { ok: false, message: MESSAGES.pickTextChannel };
  }
  const invoker = channel.permissionsFor(interaction.member);
  const invokerMissing = missing(NEEDED_BY_INVOKER, (bit) => invoker.has(bit));
  if (invokerMissing.length > 0) return { ok: false, message: MESSAGES.invokerLacks(list(invokerMissing), channel.id) };
  const me = interaction.guild.members.me ?? (await interaction.guild.members.fetchMe());
  const bot = channel.permissionsFor(me);
  const botMissing = missing(NEEDED_BY_BOT, (bit) => bot.has(bit));
  if (botMissing.length > 0) return { ok: false, message: MESSAGES.botLacks(list(botMissing), channel.id) };
  return { ok: true, channel: channel as GuildTextBasedChannel };
}
