import { execFileSync } from 'node:child_process';

/** Suites run the compiled entry points, as `npm start` does: compile once, from the sources under test. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  // The seeds' index, built once before the suites start: otherwise the first processes of
  // several suites (a fresh clone has no cache) would each build it at once, on 2 cores.
  execFileSync(process.execPath, ['dist/src/cli.js', 'sources'], { stdio: 'ignore', env: { ...process.env, DISCORD_TOKEN: '', CORPUS_DIR: '' } });
}
