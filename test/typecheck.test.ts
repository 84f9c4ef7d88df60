import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The type check runs as one suite so it overlaps the suites that wait on child processes.
describe('typescript', () => {
  it('type-checks the whole project (tsc --noEmit)', async () => {
    const output = await new Promise<{ status: number | null; text: string }>((resolve) => {
      const child = spawn(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '--pretty', 'false']);
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (text += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (text += d));
      child.on('close', (status) => resolve({ status, text }));
    });
    expect(output.text).toBe('');
    expect(output.status).toBe(0);
  }, 120_000);
});
