import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordEmulator } from './discordEmulator.js';
import { compiled } from '../helpers/run.js';

export const TEST_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.emulator.token-for-tests-only';

export interface BotProcess {
  child: ChildProcess;
  /** pino lines the bot wrote to stderr, parsed. */
  logs: Record<string, any>[];
  stderr: () => string;
  exited: Promise<number | null>;
  waitForLog(predicate: (line: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** The SQLite file of the servers' libraries, when the harness chose it. */
  sqliteFile: string | undefined;
}

/** Starts the bot exactly as `npm start` would, with the token and API URL in its environment. */
export function startBot(env: NodeJS.ProcessEnv, args: string[] = []): BotProcess {
  // Each bot its own database of server libraries, unless the test shares one.
  const data = env.SQLITE_FILE === undefined ? mkdtempSync(join(tmpdir(), 'verbatim-bot-db-')) : undefined;
  const child = spawn(process.execPath, [compiled('src/main.ts'), ...args], {
    // No WordNet warm-up 10 s in (about 1.6 s of CPU a bot): a test that adds articles pays it on its first add.
    env: { ...process.env, CORPUS_DIR: '', LOG_LEVEL: 'info', PREPARE_FOR_ADDS_SECONDS: '0', ...(data ? { SQLITE_FILE: join(data, 'verbatim.sqlite') } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (data) child.on('exit', () => rmSync(data, { recursive: true, force: true }));
  const logs: Record<string, any>[] = [];
  let stderr = '';
  let pending = '';
  const listeners = new Set<() => void>();
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ msg: line, raw: true });
      }
    }
    for (const l of listeners) l();
  });
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    logs,
    sqliteFile: data ? join(data, 'verbatim.sqlite') : env.SQLITE_FILE,
    stderr: () => stderr,
    exited,
    waitForLog(predicate, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(predicate);
          if (found) {
            cleanup();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`bot: timed out waiting for a log line; stderr so far:\n${stderr.slice(-2000)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then(() => {
          check();
          if (listeners.has(check)) {
            cleanup();
            reject(new Error(`bot exited; stderr:\n${stderr.slice(-2000)}`));
          }
        });
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** An emulator and a bot connected to it, ready for interactions. */
/** `env` may depend on the emulator (its channel and role ids). */
export async function startEmulatorAndBot(env: NodeJS.ProcessEnv | ((emulator: DiscordEmulator) => NodeJS.ProcessEnv) = {}, started?: DiscordEmulator) {
  const emulator = started ?? (await new DiscordEmulator({ token: TEST_TOKEN }).start());
  const extra = typeof env === 'function' ? env(emulator) : env;
  // The emulator's (first) server is the bot's home server, where admin commands work.
  const bot = startBot({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: emulator.apiUrl, DISCORD_GUILD_ID: emulator.guild.ids.guildId, ...extra });
  await bot.waitForLog((l) => l.msg === 'ready', 60_000);
  return {
    emulator,
    bot,
    async stop() {
      await bot.stop();
      await emulator.stop();
    },
  };
}
