import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's PostgreSQL server programs are, if it is installed. */
function binDir(): string | undefined {
  for (const version of ['17', '16', '15', '14', '13']) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return which.status === 0 ? join(which.stdout.trim(), '..') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPostgres {
  url: string;
  stop(): void;
}

/**
 * A real PostgreSQL server of its own, in a temporary folder, on 127.0.0.1 (trust auth, nothing
 * else reaches it); undefined, with the reason, when the machine has no PostgreSQL programs.
 * As root it runs as the `postgres` user, since PostgreSQL refuses to run as root.
 */
export async function startPostgres(): Promise<RunningPostgres | { unavailable: string }> {
  const bin = binDir();
  if (!bin) return { unavailable: 'no PostgreSQL server programs (initdb) on this machine' };
  const root = process.getuid?.() === 0;
  const owner = root ? spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }) : undefined;
  if (root && owner?.status !== 0) return { unavailable: 'running as root and there is no postgres user to run PostgreSQL as' };
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-pg-'));
  chmodSync(dir, 0o700);
  if (root) {
    const uid = Number(owner!.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const as = (program: string, args: string[]) => (root ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { encoding: 'utf8' }) : spawnSync(join(bin, program), args, { encoding: 'utf8' }));
  const data = join(dir, 'data');
  const init = as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: `initdb failed: ${init.stderr.trim().split('\n').pop()}` };
  }
  const port = await freePort();
  const start = as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  if (start.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: `pg_ctl start failed: ${start.stderr.trim().split('\n').pop()}` };
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
