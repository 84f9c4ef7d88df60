import type { Client } from 'discord.js';
import type { BotConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { MESSAGES } from '../messages.js';
import type { DiscordContext } from './discordCommand.js';
import type { ServerScope } from './serverScope.js';
import { sendToChannel } from './respond.js';
import { escapeMarkdown } from './markdown.js';
import type { AddedArticle } from '../web/addArticle.js';
import type { PollReport } from '../web/feeds.js';

/**
 * Polls the followed feeds every FEED_POLL_MINUTES (±20 %, so bots started together do not poll
 * together): each server's feeds into its library, by the shard that serves the server, and the
 * operator's feeds (FEEDS_FILE) into the corpus folder, by shard 0. New articles are announced as
 * title, outlet and link: a server's in the channel its settings name, the operator's in
 * FEED_ANNOUNCE_CHANNEL_ID.
 */
export function pollFeedsPeriodically(client: Client, context: DiscordContext, config: Pick<BotConfig, 'FEED_POLL_MINUTES' | 'FEED_ANNOUNCE_CHANNEL_ID'>, logger: Logger): void {
  if (config.FEED_POLL_MINUTES <= 0) return;
  const period = config.FEED_POLL_MINUTES * 60_000;
  const schedule = () => setTimeout(() => void poll(), period * (0.8 + Math.random() * 0.4)).unref();
  /** Posts the new articles in a channel; a server's announcements only ever in a channel of that server. */
  const announce = async (channelId: string, added: AddedArticle[], where: { library: string } | { guild: string }) => {
    const channel = await client.channels.fetch(channelId).catch(() => null);
    const inAnotherServer = 'guild' in where && !(channel && 'guildId' in channel && channel.guildId === where.guild);
    if (!channel?.isSendable() || inAnotherServer) {
      logger.warn({ ...where, channel: channelId }, 'cannot announce new articles in that channel');
      return;
    }
    // The page's own title and site name, shown as text: markdown in them is escaped.
    for (const { title, outlet, url } of added) await sendToChannel(channel, { content: MESSAGES.newArticle({ title: escapeMarkdown(title), outlet: escapeMarkdown(outlet), url }) });
  };
  const report = (reports: PollReport[], where: { library: string } | { guild: string }) => {
    for (const r of reports) if (r.error) logger.warn({ ...where, feed: r.feed, reason: r.error }, 'feed not read');
    const added = reports.flatMap((r) => r.added);
    logger.info({ ...where, feeds: reports.length, added: added.length, skipped: reports.reduce((n, r) => n + r.skipped.length, 0) }, 'feeds polled');
    return added;
  };
  const pollOperatorFeeds = async () => {
    const { listFeeds, pollFeeds } = await import('../web/feeds.js');
    if (listFeeds().length === 0) return;
    const added = report(await pollFeeds(context.verbatim.corpus.dir), { library: 'base' });
    if (added.length === 0) return;
    await context.reload?.(added.map((a) => a.path));
    if (config.FEED_ANNOUNCE_CHANNEL_ID) await announce(config.FEED_ANNOUNCE_CHANNEL_ID, added, { library: 'base' });
  };
  const pollServerFeeds = async (servers: ServerScope) => {
    const { pollLibraryFeeds } = await import('../store/libraryWrites.js');
    // Only the servers Discord routes to this shard.
    const mine = (await servers.store.librariesWithFeeds()).filter((id) => client.guilds.cache.has(id));
    for (const serverId of mine) {
      try {
        const added = report(await pollLibraryFeeds({ store: servers.store, serverId }), { guild: serverId });
        if (added.length === 0) continue;
        await servers.libraries.changed(serverId);
        const { announceChannelId } = await servers.store.settings(serverId);
        if (announceChannelId) await announce(announceChannelId, added, { guild: serverId });
      } catch (error) {
        logger.error({ err: error, guild: serverId }, 'feed poll failed');
      }
    }
  };
  const poll = async () => {
    try {
      if ((client.shard?.ids[0] ?? 0) === 0) await pollOperatorFeeds();
    } catch (error) {
      logger.error({ err: error, library: 'base' }, 'feed poll failed');
    }
    try {
      if (context.servers) await pollServerFeeds(context.servers);
    } catch (error) {
      logger.error({ err: error }, 'feed poll failed');
    } finally {
      schedule();
    }
  };
  schedule();
}
