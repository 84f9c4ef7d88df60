#!/usr/bin/env node
// `npx verbatim …` runs the CLI: compiled (dist/, made by `npm install` or `npm run build`), else
// from the TypeScript sources with the loader the project already uses.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
