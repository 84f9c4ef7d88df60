import { DiscordAPIError, DiscordjsErrorCodes } from 'discord.js';

/** One line for a failed login; never the token, never a stack trace. */
export function describeLoginFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === DiscordjsErrorCodes.TokenInvalid || (error instanceof DiscordAPIError && error.status === 401)) {
    return 'Discord rejected the token: copy it again from the Developer Portal (Bot → Reset Token) into DISCORD_TOKEN.';
  }
  if (code === DiscordjsErrorCodes.DisallowedIntents) return 'Discord refused the gateway intents the bot asked for.';
  const message = error instanceof Error ? error.message : String(error);
  return `Could not connect to Discord: ${message.split('\n')[0]}`;
}
