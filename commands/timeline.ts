import { SlashCommandBuilder } from '@discordjs/builders';
import { ChannelType, InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { optionReader, type CommandDefinition } from '../src/command.js';
import { timelineFor, type TimelineOutcome } from '../src/timelineRequest.js';
import { renderTimelineText } from '../src/console/render.js';
import { timelineReplies, type Reply } from '../src/discord/render.js';
import { followUp, respond, sendToChannel } from '../src/discord/respond.js';
import { readOptions } from '../src/discord/options.js';
import { checkPosting } from '../src/discord/permissions.js';
import { renderTimelinePng } from '../src/picture/timelinePng.js';
import { MESSAGES } from '../src/messages.js';

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
  )
  .addStringOption((option) => option.setName('topic').setDescription('Only events about this, e.g. airstrikes').setMaxLength(100))
  .addStringOption((option) => option.setName('from').setDescription('Only events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)').setMaxLength(10))
  .addStringOption((option) => option.setName('to').setDescription('Only events on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)').setMaxLength(10));

const readTimelineOptions = optionReader({
  /** The channel to post in (its id); absent: answer where asked. */
  channel: z.string().optional(),
  topic: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});
type TimelineCommandOptions = ReturnType<typeof readTimelineOptions>;

/** The messages of a timeline, with its picture on the first; or the refusal. */
function replies(outcome: TimelineOutcome): Reply[] {
  if (!outcome.ok) return [{ content: MESSAGES.refused(outcome.message), ephemeral: true }];
  const { timeline } = outcome;
  return timelineReplies(timeline, timeline.events.length > 0 ? renderTimelinePng(timeline) : undefined);
}

export const command: CommandDefinition<TimelineOutcome, TimelineCommandOptions> = {
  data,
  readOptions: readTimelineOptions,
  run: ({ verbatim }, options) => timelineFor(verbatim, options),
  text: (outcome) => (outcome.ok ? renderTimelineText(outcome.timeline) : outcome.message),
  async execute(interaction, context) {
    const options = readTimelineOptions(readOptions(interaction));
    const channelId = options.channel;
    const outcome = timelineFor(context.verbatim, options);
    if (channelId === undefined || !outcome.ok) {
      // Building the picture can take a few hundred milliseconds: defer within the deadline.
      if (outcome.ok) await interaction.deferReply();
      const [first, ...rest] = replies(outcome);
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
    for (const reply of replies(outcome)) messages.push(await sendToChannel(check.channel, reply));
    await respond(interaction, { content: MESSAGES.timelinePosted(check.channel.id, messages[0]!.url), ephemeral: true });
  },
};
