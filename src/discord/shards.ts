import { ShardingManager } from 'discord.js';
import type { BotConfig } from '../config.js';
import type { Logger } from '../logger.js';

/**
 * Runs the bot as `count` shards, one process each, under discord.js's ShardingManager. The shard
 * count is passed explicitly: 'auto' would ask discord.com directly and ignore DISCORD_API_URL.
 * Each shard process runs `entry` again (with SHARDING_MANAGER set) and loads the persisted index
 * the caller built before, so the corpus is analysed once, not once per shard.
 */
export async function runShards(entry: string, config: BotConfig & { SHARD_COUNT: number }, logger: Logger): Promise<ShardingManager> {
  const manager = new ShardingManager(entry, {
    totalShards: config.SHARD_COUNT,
    token: config.DISCORD_TOKEN,
    mode: 'process',
    respawn: true,
    // The shards run the way this process does: compiled, or from sources with tsx's loader flags.
    execArgv: process.execArgv,
    shardArgs: process.argv.slice(2),
  });
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id, of: config.SHARD_COUNT }, 'shard launched');
    shard.on('death', () => logger.warn({ shard: shard.id }, 'shard process exited'));
  });
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down shards');
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await manager.spawn({ amount: config.SHARD_COUNT, delay: config.SHARD_SPAWN_DELAY_MS, timeout: 120_000 });
  return manager;
}
