import { ChannelType, InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Timeline } from '../src/core/timeline.js';
import { stringOption, type CommandDefinition } from '../src/command.js';
import { renderTimelineText } from '../src/console/render.js';
import { timelineReplies } from '../src/discord/render.js';
import { followUp, respond, sendToChannel } from '../src/discord/respond.js';
import { readOptions } from '../src/discord/options.js';
import { checkPosting } from '../src/discord/permissions.js';

export const data = new SlashCommandBuilder()
  .setName('timeline')
  .setDescription('Post a dated chronology of the articles, in their own words')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setContexts(InteractionContextType.Guild)
  .addChannelOption((option) =>
    option
      .setName('channel')
      .setDescription('Post it in this channel (default: answer here)')
      .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
  );

export const command: CommandDefinition<Timeline> = {
  data,
  run: ({ verbatim }) => verbatim.timeline(),
  text: (timeline) => renderTimelineText(timeline),
  async execute(interaction, context) {
    const channelId = stringOption(readOptions(interaction), 'channel');
    if (channelId === undefined) {
      await interaction.deferReply();
      const [first, ...rest] = timelineReplies(command.run(context, {}));
      await respond(interaction, first!);
      for (const reply of rest) await followUp(interaction, reply);
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const check = await checkPosting(interaction, channelId);
    if (!check.ok) {
      await respond(interaction, { content: check.message, ephemeral: true });
      return;
    }
    const messages = [];
    for (const reply of timelineReplies(command.run(context, {}))) messages.push(await sendToChannel(check.channel, reply));
    await respond(interaction, { content: `Posted the timeline in <#${check.channel.id}>: ${messages[0]!.url}`, ephemeral: true });
  },
};
