import type { Client } from 'discord.js';
import type { BotConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { MESSAGES } from '../messages.js';
import type { DiscordContext } from './discordCommand.js';
import { sendToChannel } from './respond.js';
import { escapeMarkdown } from './markdown.js';

/**
 * Polls the followed feeds every FEED_POLL_MINUTES (±20 %, so bots started together do not poll
 * together), in one shard only. New articles reload the corpus with the usual swap and, with
 * FEED_ANNOUNCE_CHANNEL_ID, are announced there as title, outlet and link.
 */
export function pollFeedsPeriodically(client: Client, context: DiscordContext, config: Pick<BotConfig, 'FEED_POLL_MINUTES' | 'FEED_ANNOUNCE_CHANNEL_ID'>, logger: Logger): void {
  if (config.FEED_POLL_MINUTES <= 0 || (client.shard?.ids[0] ?? 0) !== 0) return;
  const period = config.FEED_POLL_MINUTES * 60_000;
  const schedule = () => setTimeout(() => void poll(), period * (0.8 + Math.random() * 0.4)).unref();
  const poll = async () => {
    try {
      const { listFeeds, pollFeeds } = await import('../web/feeds.js');
      if (listFeeds().length === 0) return;
      const reports = await pollFeeds(context.verbatim.corpus.dir);
      for (const report of reports) if (report.error) logger.warn({ feed: report.feed, reason: report.error }, 'feed not read');
      const added = reports.flatMap((r) => r.added);
      logger.info({ feeds: reports.length, added: added.length, skipped: reports.reduce((n, r) => n + r.skipped.length, 0) }, 'feeds polled');
      if (added.length === 0) return;
      await context.reload?.(added.map((a) => a.path));
      if (!config.FEED_ANNOUNCE_CHANNEL_ID) return;
      const channel = await client.channels.fetch(config.FEED_ANNOUNCE_CHANNEL_ID);
      if (!channel?.isSendable()) {
        logger.warn({ channel: config.FEED_ANNOUNCE_CHANNEL_ID }, 'cannot announce new articles in that channel');
        return;
      }
      // The page's own title and site name, shown as text: markdown in them is escaped.
      for (const { title, outlet, url } of added) await sendToChannel(channel, { content: MESSAGES.newArticle({ title: escapeMarkdown(title), outlet: escapeMarkdown(outlet), url }) });
    } catch (error) {
      logger.error({ err: error }, 'feed poll failed');
    } finally {
      schedule();
    }
  };
  schedule();
}
