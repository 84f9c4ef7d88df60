import { Client, GatewayIntentBits, Options, type ClientOptions } from 'discord.js';
import type { BotConfig } from '../config.js';
import { NO_MENTIONS } from './respond.js';

/**
 * The bot reads no member, user or message: it answers interactions from their payloads. Those
 * caches would only grow with every user who asks (discord.js never sweeps them), so they keep
 * nothing but the bot itself (its own member is needed to check channel permissions).
 */
export function clientOptions(config: Pick<BotConfig, 'DISCORD_API_URL'>): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user?.id },
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user?.id },
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ThreadMemberManager: 0,
      VoiceStateManager: 0,
    }),
    // Only when given: discord.js takes an explicit `api: undefined` as the base URL.
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  };
}

export function createClient(config: Pick<BotConfig, 'DISCORD_API_URL'>): Client {
  return new Client(clientOptions(config));
}
