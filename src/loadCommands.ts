import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { CommandDefinition } from './commandDefinition.js';

const COMMANDS_DIR = fileURLToPath(new URL('../commands/', import.meta.url));

/** Every command in commands/, by name, as the discord.js guide's handler loads them. */
export async function loadCommands<Command extends CommandDefinition = CommandDefinition>(dir = COMMANDS_DIR): Promise<Map<string, Command>> {
  const commands = new Map<string, Command>();
  const files = readdirSync(dir).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as { command?: Command };
    if (!module.command?.data) throw new Error(`commands/${file} does not export a command with data`);
    commands.set(module.command.data.name, module.command);
  }
  return commands;
}
