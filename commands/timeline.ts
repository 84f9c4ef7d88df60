import { SlashCommandBuilder } from '@discordjs/builders';
import { ChannelType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { optionReader } from '../src/commandDefinition.js';
import { chronologyOf, DEFAULT_KEY_DATES, DEFAULT_REPORTS_PER_DATE, MAX_KEY_DATES, MAX_REPORTS_PER_DATE, type Timeline } from '../src/core/timeline.js';
import { timelineInStepsFor, timelineOptions, type TimelineOutcome, type TimelineRequest } from '../src/timelineRequest.js';
import { renderTimelineText } from '../src/console/formatText.js';
import { timelineReplies, type Reply } from '../src/discord/replies.js';
import { followUp, deferOnce, respond, sendToChannel } from '../src/discord/respond.js';
import { readOptions } from '../src/discord/options.js';
import { checkPosting } from '../src/discord/permissions.js';
import { renderTimelinePng } from '../src/picture/timelinePng.js';
import { MESSAGES } from '../src/messages.js';
import { timelineJson } from '../src/json.js';
import type { DiscordCommand } from '../src/discord/discordCommand.js';

export const data = new SlashCommandBuilder()
  .setName('timeline')
  .setDescription('Post the key dates of the articles, each told in their own words')
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
  .addStringOption((option) => option.setName('to').setDescription('Only events on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)').setMaxLength(10))
  .addIntegerOption((option) => option.setName('dates').setDescription(`How many key dates to show (default ${DEFAULT_KEY_DATES})`).setMinValue(1).setMaxValue(MAX_KEY_DATES))
  .addIntegerOption((option) =>
    option.setName('per-date').setDescription(`How many quotes for each key date (default ${DEFAULT_REPORTS_PER_DATE})`).setMinValue(1).setMaxValue(MAX_REPORTS_PER_DATE),
  )
  .addBooleanOption((option) => option.setName('all').setDescription('Every dated event, not only the key dates'));

const readTimelineOptions = optionReader({
  /** The channel to post in (its id); absent: answer where asked. */
  channel: z.string().optional(),
  topic: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  dates: z.number().optional(),
  'per-date': z.number().optional(),
  all: z.boolean().optional(),
});
type TimelineCommandOptions = ReturnType<typeof readTimelineOptions>;

const requestOf = ({ 'per-date': perDate, channel: _channel, ...rest }: TimelineCommandOptions): TimelineRequest => ({ ...rest, ...(perDate === undefined ? {} : { perDate }) });

/**
 * The messages of a timeline: its picture, a first page, and (when the messages do not show
 * every dated event) the whole chronology it was chosen from as a text file.
 */
function replies(timeline: Timeline): Reply[] {
  if (timeline.events.length === 0) return timelineReplies(timeline);
  return timelineReplies(timeline, { picture: renderTimelinePng(timeline), fullText: () => renderTimelineText(chronologyOf(timeline)) });
}

export const command: DiscordCommand<TimelineOutcome, TimelineCommandOptions> = {
  data,
  readOptions: readTimelineOptions,
  // In steps that give the event loop back: on a large corpus a timeline takes long enough to delay every other interaction.
  run: ({ verbatim }, options) => timelineInStepsFor(verbatim, requestOf(options)),
  text: (outcome, style) => (outcome.ok ? renderTimelineText(outcome.timeline, style) : outcome.message),
  json: (outcome) => (outcome.ok ? timelineJson(outcome.timeline) : { error: outcome.message }),
  refusal: (outcome) => (outcome.ok ? undefined : outcome.message),
  async execute(interaction, context) {
    const options = readTimelineOptions(readOptions(interaction));
    // A refused option is answered at once and privately; everything else defers first: the
    // first timeline reads every date in the corpus (seconds on a large one).
    const wanted = timelineOptions(requestOf(options));
    if (!wanted.ok) {
      await respond(interaction, { content: MESSAGES.refused(wanted.message), ephemeral: true });
      return;
    }
    const channelId = options.channel;
    await deferOnce(interaction, channelId !== undefined);
    const check = channelId === undefined ? undefined : await checkPosting(interaction, channelId);
    if (check && !check.ok) {
      await respond(interaction, { content: check.message, ephemeral: true });
      return;
    }
    const outcome = await command.run(context, options);
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
