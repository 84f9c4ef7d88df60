import { Events, type Client } from 'discord.js';
import type { BotConfig } from '../config.js';
import { contextOf } from '../commandDefinition.js';
import type { DiscordCommand } from './discordCommand.js';
import type { CorpusHolder } from '../corpusHolder.js';
import type { Logger } from '../logger.js';
import { handleInteraction } from './handleInteraction.js';
import { AskSessions } from './askSessions.js';
import { Cooldowns } from './cooldowns.js';
import { Metrics, serveMetrics } from './metrics.js';
import { createClient } from './client.js';
import { watchConnection } from './gateway.js';
import { wireReloads } from './reloads.js';
import { Shutdown } from './shutdown.js';
import { loadLanguageModel } from '../core/analyzer.js';
import { registerFonts } from '../picture/timelinePng.js';
import { pollFeedsPeriodically } from './feedPolling.js';
import { wireServerLifecycle } from './serverScope.js';
import { ServerLibraries } from '../store/serverLibraries.js';
import type { LibraryStore } from '../store/libraryStore.js';

/** Connects to Discord and serves the commands until a signal or a fatal failure stops it. */
export async function runBot(
  config: BotConfig,
  commands: Map<string, DiscordCommand>,
  holder: CorpusHolder,
  corpusDir: string,
  logger: Logger,
  libraries: { store: LibraryStore; librariesMemoryBytes: number },
): Promise<Client> {
  const client = createClient(config);
  const metrics = new Metrics();
  const shutdown = new Shutdown(client, logger, undefined, () => libraries.store.close());
  const servers = { store: libraries.store, libraries: new ServerLibraries(libraries.store, () => holder.verbatim, libraries.librariesMemoryBytes) };
  const context = contextOf(holder, { sessions: new AskSessions(config.ASK_BUTTONS_TTL_SECONDS * 1000), servers });
  const handlerOptions = {
    cooldowns: new Cooldowns({ ask: config.ASK_COOLDOWN_SECONDS, timeline: config.TIMELINE_COOLDOWN_SECONDS }),
    metrics,
    logQuestions: config.LOG_QUESTIONS,
    ...(config.DISCORD_GUILD_ID ? { homeGuildId: config.DISCORD_GUILD_ID } : {}),
  };
  const countIndex = () => {
    metrics.passages.set(holder.verbatim.passages.length);
    metrics.articles.set(holder.verbatim.corpus.documents.length);
    // Autocomplete must answer within 3 seconds: prepare its phrases before the first keystroke
    // (in steps: after a change the corpus before's phrases serve until then).
    void holder.verbatim.preparePhrases().catch((error: unknown) => logger.error({ err: error }, 'working out the key phrases failed'));
    // The first /timeline reads every date: begin now, in steps, between interactions.
    void holder.verbatim.prepareTimeline().catch((error: unknown) => logger.error({ err: error }, 'reading the corpus dates failed'));
  };
  countIndex();
  // What only an added article needs (WordNet, about a second of reading in steps): after the
  // start's own work, so that a bot answers its first questions without sharing the cores with it.
  // Off (0), the first added article reads it instead.
  if (config.PREPARE_FOR_ADDS_SECONDS > 0) {
    setTimeout(() => {
      void holder.verbatim.prepareForChanges().catch((error: unknown) => logger.error({ err: error }, 'reading what an added article needs failed'));
    }, config.PREPARE_FOR_ADDS_SECONDS * 1000).unref();
  }
  // Everything an interaction can need is loaded before the bot says it is ready.
  const loading = performance.now();
  loadLanguageModel();
  registerFonts();
  logger.info({ ms: Math.round(performance.now() - loading) }, 'language model and fonts loaded');

  client.once(Events.ClientReady, (ready) => {
    logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size, passages: holder.verbatim.passages.length }, 'ready');
  });
  client.on(Events.InteractionCreate, (interaction) => {
    // A stopping bot takes nothing new; what it took, it finishes (Shutdown drains).
    if (shutdown.isStopping) return;
    shutdown.track(handleInteraction(interaction, commands, context, logger, handlerOptions));
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const connection = watchConnection(client, metrics, logger, ({ reason, message }) => void shutdown.stop(1, reason, message));
  wireReloads(client, context, { corpusDir, watchCorpus: config.WATCH_CORPUS }, logger, countIndex);
  pollFeedsPeriodically(client, context, config, logger);
  wireServerLifecycle(client, servers, logger);

  if (config.METRICS_PORT !== undefined) {
    // The index is loaded before login, so a bot whose every shard has a live session can answer.
    const server = await serveMetrics(metrics, connection.healthy, config.METRICS_PORT, config.METRICS_HOST);
    server.unref();
    logger.info({ host: config.METRICS_HOST, port: (server.address() as { port: number }).port }, 'metrics listening');
  }

  shutdown.onSignals();
  await client.login(config.DISCORD_TOKEN);
  return client;
}
