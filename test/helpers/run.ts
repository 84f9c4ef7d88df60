import { spawn, spawnSync } from 'node:child_process';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The compiled file of a source entry point (test/globalSetup.ts builds dist/ once per run). */
export function compiled(entry: string): string {
  return `dist/${entry.replace(/\.ts$/, '.js')}`;
}

/** Runs an entry point (`src/main.ts`) compiled, as its own process, as `npm start` or `npm run cli` do. */
export function runEntry(entry: string, args: string[], input = '', env: NodeJS.ProcessEnv = {}): RunResult {
  const result = spawnSync(process.execPath, [compiled(entry), ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    // No token from a developer's .env or shell must turn the console into a bot in tests.
    env: { ...process.env, DISCORD_TOKEN: '', CORPUS_DIR: '', FORCE_COLOR: '0', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** runEntry without blocking: tests marked concurrent run their processes at once. */
export function runEntryAsync(entry: string, args: string[], input = '', env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runAsync(process.execPath, [compiled(entry), ...args], { ...process.env, DISCORD_TOKEN: '', CORPUS_DIR: '', FORCE_COLOR: '0', ...env }, input);
}

/** Like runEntry but without blocking this process's event loop (an in-process server must answer). */
export function runAsync(command: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.end(input);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The compiled CLI on a corpus folder, without blocking this process (its server must answer),
 * allowed to fetch from 127.0.0.1 and never a bot: `env` adds to the environment.
 */
export function cliOn(corpus: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runAsync(process.execPath, [compiled('src/cli.ts'), '--corpus', corpus, ...args], { ...process.env, ALLOW_PRIVATE_URLS: '1', DISCORD_TOKEN: '', ...env });
}
