import { DiscordAPIError, DiscordjsErrorCodes } from 'discord.js';
import { GatewayCloseCodes } from 'discord-api-types/v10';

const TOKEN_REJECTED = 'Discord rejected the token: copy it again from the Developer Portal (Bot → Reset Token) into DISCORD_TOKEN.';

/** One line for a failed login; never the token, never a stack trace. */
export function describeLoginFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === DiscordjsErrorCodes.TokenInvalid || (error instanceof DiscordAPIError && error.status === 401)) return TOKEN_REJECTED;
  if (code === DiscordjsErrorCodes.DisallowedIntents) return 'Discord refused the gateway intents the bot asked for.';
  const message = error instanceof Error ? error.message : String(error);
  return `Could not connect to Discord: ${message.split('\n')[0]}`;
}

/** A REST 401 while running: the token was reset or revoked, and no call will work again. */
export const TOKEN_REVOKED = `Discord answered 401 Unauthorized: the token no longer works. ${TOKEN_REJECTED}`;

/** One line for a gateway close discord.js will not recover from (it stops reconnecting). */
export function describeGatewayClose(code: number): string {
  if (code === GatewayCloseCodes.AuthenticationFailed) return `The gateway closed with ${code} (authentication failed). ${TOKEN_REJECTED}`;
  if (code === GatewayCloseCodes.DisallowedIntents || code === GatewayCloseCodes.InvalidIntents) return `The gateway closed with ${code}: Discord refused the gateway intents the bot asked for.`;
  const name = GatewayCloseCodes[code] ?? 'unrecoverable';
  return `The gateway closed with ${code} (${name}); discord.js will not reconnect.`;
}
