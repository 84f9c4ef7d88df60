import { Events, RESTEvents, type Client } from 'discord.js';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';
import { describeGatewayClose, TOKEN_REVOKED } from './loginFailure.js';

/** Why the bot cannot go on (a revoked token, a gateway close discord.js gives up on). */
export type FatalFailure = { reason: Record<string, unknown>; message: string };

/**
 * Follows the gateway sessions (for /healthz and the reconnect count) and the REST responses
 * (one log line per failure). A REST 401 or an unrecoverable gateway close is fatal: health
 * turns 503 at once and `onFatal` stops the bot with a non-zero exit, so a supervisor notices.
 */
export function watchConnection(client: Client, metrics: Metrics, logger: Logger, onFatal: (failure: FatalFailure) => void): { healthy(): boolean } {
  const connected = new Set<number>();
  let failed = false;
  const fatal = (failure: FatalFailure) => {
    if (failed) return;
    failed = true;
    onFatal(failure);
  };

  client.on(Events.ShardDisconnect, (event, shard) => {
    connected.delete(shard);
    // discord.js emits this only for close codes it will not reconnect after.
    fatal({ reason: { shard, code: event.code }, message: describeGatewayClose(event.code) });
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
  client.on(Events.ShardError, (error, shard) => logger.error({ err: error, shard }, 'gateway error'));

  // One line per failed REST response (429s included): route and status, never the path, which holds interaction tokens.
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status < 400) return;
    metrics.restFailures.inc({ status: String(response.status) });
    logger.warn({ method: request.method, route: request.route, status: response.status, retries: request.retries }, 'discord rest failure');
    if (response.status === 401) fatal({ reason: { route: request.route, status: 401 }, message: TOKEN_REVOKED });
  });
  client.rest.on(RESTEvents.RateLimited, (info) => logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited'));

  return { healthy: () => !failed && client.isReady() && connected.size > 0 && connected.size === client.ws.shards.size };
}
