import { SlashCommandBuilder } from '@discordjs/builders';
import { ChannelType, InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { dateBoundOptions, optionReader } from '../src/commandDefinition.js';
import type { Timeline } from '../src/core/timeline.js';
import { timelineFor, type TimelineOutcome } from '../src/timelineRequest.js';
import { renderTimelineText } from '../src/console/formatText.js';
import { timelineReplies, type Reply } from '../src/discord/replies.js';
import { followUp, respond, sendToChannel } from '../src/discord/respond.js';
import { readOptions } from '../src/discord/options.js';
import { checkPosting } from '../src/discord/permissions.js';
import { renderTimelinePng } from '../src/picture/timelinePng.js';
import { MESSAGES } from '../src/messages.js';
import type { DiscordCommand } from '../src/discord/discordCommand.js';

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

/** The messages of a timeline: its picture, a first page, and the whole timeline as a text file when it is longer. */
function replies(timeline: Timeline): Reply[] {
  if (timeline.events.length === 0) return timelineReplies(timeline);
  return timelineReplies(timeline, { picture: renderTimelinePng(timeline), fullText: () => renderTimelineText(timeline) });
}

export const command: DiscordCommand<TimelineOutcome, TimelineCommandOptions> = {
  data,
  readOptions: readTimelineOptions,
  run: ({ verbatim }, options) => timelineFor(verbatim, options),
  text: (outcome) => (outcome.ok ? renderTimelineText(outcome.timeline) : outcome.message),
  async execute(interaction, context) {
    const options = readTimelineOptions(readOptions(interaction));
    const { verbatim } = context;
    // A refused option is answered at once and privately; everything else defers first: the
    // first timeline reads every date in the corpus (seconds on a large one).
    const dates = dateBoundOptions(options);
    if (!dates.ok) {
      await respond(interaction, { content: MESSAGES.refused(dates.message), ephemeral: true });
      return;
    }
    const channelId = options.channel;
    await interaction.deferReply(channelId === undefined ? {} : { flags: MessageFlags.Ephemeral });
    const check = channelId === undefined ? undefined : await checkPosting(interaction, channelId);
    if (check && !check.ok) {
      await respond(interaction, { content: check.message, ephemeral: true });
      return;
    }
    await verbatim.prepareTimeline();
    const outcome = timelineFor(verbatim, options);
    if (!outcome.ok) {
      await respond(interaction, { content: MESSAGES.refused(outcome.message), ephemeral: true });
      return;
    }
    const messages = replies(outcome.timeline);
    if (!check) {
      const [first, ...rest] = messages;
      await respond(interaction, first!);
      for (const reply of rest) await followUp(interaction, reply);
      return;
    }
    const posted = [];
    for (const reply of messages) posted.push(await sendToChannel(check.channel, reply));
    await respond(interaction, { content: MESSAGES.timelinePosted(check.channel.id, posted[0]!.url), ephemeral: true });
  },
};
