import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../emulator/discordEmulator.js';
import { startBot, TEST_TOKEN, type BotProcess } from '../emulator/harness.js';

describe('sharding (SHARD_COUNT=2)', () => {
  let emulator: DiscordEmulator;
  let bot: BotProcess;

  beforeAll(async () => {
    emulator = await new DiscordEmulator({ token: TEST_TOKEN, shards: 2 }).start();
    bot = startBot({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: emulator.apiUrl, SHARD_COUNT: '2', SHARD_SPAWN_DELAY_MS: '0', DISCORD_GUILD_ID: emulator.guilds[0]!.ids.guildId });
    await bot.waitForLog((l) => l.msg === 'ready' && l.shard === 0, 90_000);
    await bot.waitForLog((l) => l.msg === 'ready' && l.shard === 1, 90_000);
  }, 120_000);
  afterAll(async () => {
    await bot?.stop();
    await emulator?.stop();
  });

  it('runs two shard processes, each identifying as its own shard', () => {
    expect([...emulator.identifies].sort()).toEqual([0, 1]);
    expect(bot.logs.filter((l) => l.msg === 'shard launched').map((l) => l.shard).sort()).toEqual([0, 1]);
  });

  it("answers each guild's interaction from the shard that owns the guild", async () => {
    for (const guild of [0, 1]) {
      const owner = emulator.shardOf(emulator.guilds[guild]!.ids.guildId);
      expect(owner).toBe(guild);
      const interaction = emulator.interact({ name: 'ask', guild, options: [{ name: 'question', type: 3, value: 'who retook Palmyra' }] });
      const [reply] = await emulator.replyTo(interaction);
      expect(reply!.body.data.embeds.length).toBeGreaterThan(0);
      const line = await bot.waitForLog((l) => l.msg === 'interaction' && l.interaction === interaction.id);
      expect(line.shard).toBe(owner);
      expect(line.guild).toBe(emulator.guilds[guild]!.ids.guildId);
    }
  });

  it('refuses /reload in a server other than the home server, even to its admins', async () => {
    const interaction = emulator.interact({ name: 'reload', guild: 1, roles: [emulator.guilds[1]!.ids.adminRole] });
    const [reply] = await emulator.replyTo(interaction);
    expect(reply!.body.data.content).toMatch(/home server/);
    expect(reply!.body.data.flags).toBe(64);
  });

  it('reloads every shard when an admin of the home server reloads one', async () => {
    const interaction = emulator.interact({ name: 'reload', guild: 0, roles: [emulator.guilds[0]!.ids.adminRole] });
    await emulator.waitFor(() => emulator.callsFor(interaction).some((c) => c.method === 'PATCH'), 30_000);
    const reloaded = await bot.waitForLog((l) => l.msg === 'corpus reloaded' && l.shard === 1, 30_000);
    expect(reloaded.trigger).toBe('shard');
    expect(bot.logs.filter((l) => l.msg === 'corpus reloaded' && l.shard === 0).map((l) => l.trigger)).toEqual(['command']);
  });

  it('each shard loaded the persisted index rather than building it', () => {
    const indexLines = bot.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('index '));
    // Two loads at start, and two updates from the reload above (only the difference): never a build in a shard.
    const byShard = indexLines.filter((l) => l.shard !== undefined);
    expect(byShard.map((l) => l.msg)).toEqual(['index loaded', 'index loaded', 'index updated', 'index updated']);
  });
});
