import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadCommands } from '../src/loadCommands.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Modules a file loads when it runs (type-only imports are erased), following the project's own files. */
function runtimeImports(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.includes(file)) return;
    files.push(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^import\s+(?!type\s)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  };
  visit(resolve(entry));
  return { files, packages };
}

describe('project layout', () => {
  it('runs the CLI and the console without discord.js anywhere in their import graphs', () => {
    // src/main.ts is the console's entry (npm start without a token); it loads the bot only
    // with a token, by dynamic import, which this walk does not follow.
    for (const entry of ['src/cli.ts', 'src/main.ts']) {
      const { files, packages } = runtimeImports(entry);
      expect(files.length, entry).toBeGreaterThan(10);
      expect(packages.has('commander'), entry).toBe(true);
      expect([...packages].filter((p) => p === 'discord.js'), entry).toEqual([]);
    }
    // Every command file is in the console's graph (src/loadCommands.ts loads them by directory).
    for (const file of readdirSync('commands')) expect(runtimeImports(join('commands', file)).packages.has('discord.js'), file).toBe(false);
    // The walk does see discord.js where it is loaded.
    expect(runtimeImports('src/discord/bot.ts').packages.has('discord.js')).toBe(true);
  });

  it('keeps the contract every face shares free of discord.js, even its types', () => {
    for (const file of ['src/commandDefinition.ts', 'src/loadCommands.ts', 'src/messages.ts', ...readdirSync('src/console').map((f) => join('src/console', f))]) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/from ['"]discord\.js['"]/);
    }
  });

  it('keeps the core free of Discord: nothing under src/core imports discord.js', () => {
    const files = filesUnder('src/core').filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/from ['"](discord\.js|@discordjs\/[^'"]+)['"]/);
  });

  it('reads the environment in one module only: src/config.ts parses it and passes values down', () => {
    const files = [...filesUnder('src'), ...filesUnder('commands')].filter((f) => f.endsWith('.ts') && f !== join('src', 'config.ts'));
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/process\.env\b/);
    expect(readFileSync('src/config.ts', 'utf8')).toMatch(/process\.env/);
  });

  it('keeps the core from reaching up: nothing under src/core imports from outside it', () => {
    for (const file of filesUnder('src/core').filter((f) => f.endsWith('.ts'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/^import\s[^'"]*['"](\.[^'"]+)['"]/gm)) {
        const target = resolve(dirname(file), match[1]!);
        expect(target.startsWith(resolve('src/core')), `${file} imports ${match[1]}`).toBe(true);
      }
    }
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
