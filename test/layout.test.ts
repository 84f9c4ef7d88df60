import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadCommands } from '../src/commands.js';

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
  it('runs the CLI without discord.js anywhere in its import graph', () => {
    const { files, packages } = runtimeImports('src/cli.ts');
    expect(files.length).toBeGreaterThan(10);
    expect(packages.has('commander')).toBe(true);
    expect([...packages].filter((p) => p === 'discord.js' || p.startsWith('@discordjs'))).toEqual([]);
    // The walk does see discord.js where it is loaded.
    expect(runtimeImports('commands/timeline.ts').packages.has('discord.js')).toBe(true);
  });

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
