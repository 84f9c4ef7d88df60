import { watch } from 'node:fs';
import { Client, Events, GatewayIntentBits, RESTEvents, type ClientOptions } from 'discord.js';
import type { BotConfig } from '../config.js';
import { contextOf, type CommandDefinition } from '../command.js';
import type { CorpusHolder, ReloadOutcome } from '../corpusHolder.js';
import type { Logger } from '../logger.js';
import { handleInteraction } from './handleInteraction.js';
import { NO_MENTIONS } from './respond.js';
import { AskSessions } from './askSessions.js';
import { Cooldowns } from './cooldowns.js';
import { Metrics, serveMetrics } from './metrics.js';

export function clientOptions(config: Pick<BotConfig, 'DISCORD_API_URL'>): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    // Only when given: discord.js takes an explicit `api: undefined` as the base URL.
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  };
}

/** Corpus changes settle for this long before a watched folder is reloaded (editors save in bursts). */
const WATCH_DEBOUNCE_MS = 1000;

/** Connects to Discord and serves the commands until SIGINT/SIGTERM. */
export async function runBot(config: BotConfig, commands: Map<string, CommandDefinition>, holder: CorpusHolder, corpusDir: string, logger: Logger): Promise<Client> {
  const client = new Client(clientOptions(config));
  const metrics = new Metrics();
  const context = contextOf(holder, { sessions: new AskSessions(config.ASK_BUTTONS_TTL_SECONDS * 1000) });
  const options = {
    cooldowns: new Cooldowns({ ask: config.ASK_COOLDOWN_SECONDS, timeline: config.TIMELINE_COOLDOWN_SECONDS }),
    metrics,
    logQuestions: config.LOG_QUESTIONS,
  };
  const countIndex = () => {
    metrics.passages.set(holder.verbatim.passages.length);
    metrics.articles.set(holder.verbatim.corpus.documents.length);
    // Autocomplete must answer within 3 seconds: prepare its phrases before the first keystroke.
    holder.verbatim.keyPhrases();
  };
  countIndex();

  client.once(Events.ClientReady, (ready) => {
    logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size, passages: holder.verbatim.passages.length }, 'ready');
  });
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, commands, context, logger, options));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.on(Events.ShardError, (error, shard) => logger.error({ err: error, shard }, 'gateway error'));
  // Shards with a live gateway session, for /healthz.
  const connected = new Set<number>();
  client.on(Events.ShardDisconnect, (event, shard) => {
    connected.delete(shard);
    logger.warn({ shard, code: event.code }, 'gateway disconnected');
  });
  client.on(Events.ShardReconnecting, (shard) => {
    connected.delete(shard);
    logger.warn({ shard }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => {
    connected.add(shard);
    metrics.reconnects.inc();
    logger.info({ shard, replayed }, 'gateway resumed');
  });
  client.on(Events.ShardReady, (shard) => {
    // A shard that was ready before and is ready again identified anew (after an invalid session).
    if (client.readyAt) metrics.reconnects.inc();
    connected.add(shard);
    logger.info({ shard }, 'gateway session ready');
  });
  // One line per failed REST response (429s included): route and status, never the path, which holds interaction tokens.
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status < 400) return;
    metrics.restFailures.inc({ status: String(response.status) });
    logger.warn({ method: request.method, route: request.route, status: response.status, retries: request.retries }, 'discord rest failure');
  });
  client.rest.on(RESTEvents.RateLimited, (info) => logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const report = (trigger: string) => (outcome: ReloadOutcome) => {
    if (outcome.ok) {
      countIndex();
      logger.info({ trigger, ...outcome }, 'corpus reloaded');
    } else {
      logger.warn({ trigger, problems: outcome.problems }, 'corpus reload refused; still serving the previous corpus');
    }
  };
  // /reload answers the admin itself; the log line comes from here for every reload. Sharded,
  // the other shards are told to reload too, so every shard serves the same corpus.
  const reload = context.reload!;
  context.reload = async () => {
    const outcome = await reload();
    report('command')(outcome);
    if (outcome.ok && client.shard) {
      const from = client.shard.ids[0];
      await client.shard
        .broadcastEval((c, { from }) => void (c.shard?.ids[0] !== from && c.emit('verbatimReload' as never)), { context: { from } })
        .catch((error: unknown) => logger.warn({ err: error }, 'could not tell the other shards to reload'));
    }
    return outcome;
  };
  client.on('verbatimReload' as never, () => void reload().then(report('shard'), (error: unknown) => logger.error({ err: error }, 'corpus reload failed')));

  if (config.WATCH_CORPUS) {
    let timer: NodeJS.Timeout | undefined;
    watch(corpusDir, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload().then(report('watch'), (error: unknown) => logger.error({ err: error }, 'corpus reload failed')), WATCH_DEBOUNCE_MS);
    }).unref();
    logger.info({ dir: corpusDir }, 'watching the corpus folder');
  }

  if (config.METRICS_PORT !== undefined) {
    // The index is loaded before login, so a bot whose every shard has a live session can answer.
    const healthy = () => client.isReady() && connected.size > 0 && connected.size === client.ws.shards.size;
    const server = await serveMetrics(metrics, healthy, config.METRICS_PORT, config.METRICS_HOST);
    server.unref();
    logger.info({ host: config.METRICS_HOST, port: (server.address() as { port: number }).port }, 'metrics listening');
  }

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    void client.destroy().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  await client.login(config.DISCORD_TOKEN);
  return client;
}
