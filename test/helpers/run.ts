import { spawnSync } from 'node:child_process';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

const TSX = 'node_modules/.bin/tsx';

/** Runs a TypeScript entry point as its own process, as `npm start` or `npm run cli` would. */
export function runEntry(entry: string, args: string[], input = '', env: NodeJS.ProcessEnv = {}): RunResult {
  const result = spawnSync(TSX, [entry, ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    // No token from a developer's .env or shell must turn the console into a bot in tests.
    env: { ...process.env, DISCORD_TOKEN: '', CORPUS_DIR: '', FORCE_COLOR: '0', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
