import 'dotenv/config';
import { REST, Routes } from 'discord.js';
import { deployConfig, ConfigError } from '../config.js';
import { loadCommands } from '../loadCommands.js';
import type { DiscordCommand } from './discordCommand.js';

/**
 * Registers the slash commands. By default the public ones globally and the admin ones (see
 * CommandDefinition.adminOnly) in the home server DISCORD_GUILD_ID only. With `--guild`, every
 * command in DISCORD_GUILD_ID only: they appear at once, for development.
 */
async function deploy(guildOnly: boolean): Promise<void> {
  const config = deployConfig();
  const all = [...(await loadCommands<DiscordCommand>()).values()];
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const home = config.DISCORD_GUILD_ID;
  const names = (list: typeof all) => list.map((c) => '/' + c.data.name + (c.contextMenu ? ` and "${c.contextMenu.name}"` : '')).join(', ');
  // A command's message menu ("Find sources") is registered beside it.
  const bodies = (list: typeof all) => list.flatMap((c) => [c.data.toJSON(), ...(c.contextMenu ? [c.contextMenu.toJSON()] : [])]);
  if (guildOnly) {
    if (!home) throw new ConfigError('Configuration error: --guild needs DISCORD_GUILD_ID (see .env.example).');
    const registered = (await rest.put(Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID, home), { body: bodies(all) })) as unknown[];
    console.log(`Registered ${registered.length} commands in guild ${home}: ${names(all)}`);
    return;
  }
  const publicCommands = all.filter((c) => !c.adminOnly);
  const adminCommands = all.filter((c) => c.adminOnly);
  const registered = (await rest.put(Routes.applicationCommands(config.DISCORD_CLIENT_ID), { body: bodies(publicCommands) })) as unknown[];
  console.log(`Registered ${registered.length} commands globally (may take up to an hour to appear): ${names(publicCommands)}`);
  if (!home) {
    console.log(`Not registered: ${names(adminCommands)} (admin commands are registered only in the home server: set DISCORD_GUILD_ID).`);
    return;
  }
  const admin = (await rest.put(Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID, home), { body: bodies(adminCommands) })) as unknown[];
  console.log(`Registered ${admin.length} admin commands in the home server ${home}: ${names(adminCommands)}`);
}

deploy(process.argv.includes('--guild')).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`Deploy failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
});
