import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Several suites start processes (console, CLI, bot + emulator); a loaded 2-core CI machine needs room.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Vitest's default (cores − 1) is one worker on 2 cores, yet most suites spend their time
    // waiting on a child process or a timer: three workers keep 2 cores busy (measured on a clean
    // clone: 1 worker 158 s, 2 workers 90 s, 3 workers 80 s, 4 workers 100 s).
    maxWorkers: Math.max(3, availableParallelism() - 1),
    // Threads start faster than forked processes; no suite changes the working directory.
    pool: 'threads',
    // Suites share a worker's module cache (wink's model loads once per worker, not once per
    // file): no suite mutates module state or the environment, and each starts its own servers.
    isolate: false,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
  },
});
