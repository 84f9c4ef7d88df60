#!/usr/bin/env node
// `npx verbatim …` runs the CLI (src/cli.ts) with the TypeScript loader the project already uses.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
