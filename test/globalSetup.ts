import { execFileSync } from 'node:child_process';

/** Suites run the compiled entry points, as `npm start` does: compile once, from the sources under test. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
