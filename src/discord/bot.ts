import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { BotConfig } from '../config.js';
import type { CommandContext, CommandDefinition } from '../command.js';
import type { Logger } from '../logger.js';
import { handleInteraction } from './handleInteraction.js';
import { NO_MENTIONS } from './respond.js';
import { AskSessions } from './askSessions.js';

export function clientOptions(config: Pick<BotConfig, 'DISCORD_API_URL'>): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    // Only when given: discord.js takes an explicit `api: undefined` as the base URL.
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  };
}

/** Connects to Discord and serves the commands until SIGINT/SIGTERM. */
export async function runBot(config: BotConfig, commands: Map<string, CommandDefinition>, context: CommandContext, logger: Logger): Promise<Client> {
  const client = new Client(clientOptions(config));
  const sessions = new AskSessions(config.ASK_BUTTONS_TTL_SECONDS * 1000);
  const withState: CommandContext = { ...context, sessions };
  // Autocomplete must answer within 3 seconds: prepare its phrases before the first keystroke.
  context.verbatim.keyPhrases();

  client.once(Events.ClientReady, (ready) => {
    logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size, passages: context.verbatim.passages.length }, 'ready');
  });
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, commands, withState, logger));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.on(Events.ShardError, (error, shard) => logger.error({ err: error, shard }, 'gateway error'));
  client.on(Events.ShardReconnecting, (shard) => logger.warn({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    void client.destroy().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  await client.login(config.DISCORD_TOKEN);
  return client;
}
