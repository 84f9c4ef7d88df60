import 'dotenv/config';
import { REST, Routes } from 'discord.js';
import { deployConfig, ConfigError } from '../config.js';
import { loadCommands } from '../commands.js';

/** Registers the slash commands: in one guild when DISCORD_GUILD_ID is set (instant), else globally. */
async function deploy(): Promise<void> {
  const config = deployConfig();
  const commands = [...(await loadCommands()).values()].map((c) => c.data.toJSON());
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_CLIENT_ID);
  const registered = (await rest.put(route, { body: commands })) as unknown[];
  const scope = config.DISCORD_GUILD_ID ? `in guild ${config.DISCORD_GUILD_ID}` : 'globally (may take up to an hour to appear)';
  console.log(`Registered ${registered.length} commands ${scope}: ${commands.map((c) => '/' + c.name).join(', ')}`);
}

deploy().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`Deploy failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
});
