import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCommands } from '../src/commands.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('project layout', () => {
  it('keeps the core free of Discord: nothing under src/core imports discord.js', () => {
    const files = filesUnder('src/core').filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/from ['"](discord\.js|@discordjs\/[^'"]+)['"]/);
  });

  it('loads every command from commands/, each with slash-command data', async () => {
    const commands = await loadCommands();
    expect([...commands.keys()].sort()).toEqual(expect.arrayContaining(['ask', 'sources']));
    for (const [name, command] of commands) {
      const json = command.data.toJSON();
      expect(json.name).toBe(name);
      expect(json.description.length).toBeGreaterThan(0);
      expect(json.description.length).toBeLessThanOrEqual(100);
    }
  });
});
