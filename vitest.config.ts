import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Several suites start processes (console, CLI, bot + emulator); a loaded 2-core CI machine needs room.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    include: ['test/**/*.test.ts'],
  },
});
