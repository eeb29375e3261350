import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSourceProcess } from './run-source-process';

const CHILD = join(import.meta.dirname, '__fixtures__', 'report-and-exit.ts');

describe('runSourceProcess', () => {
  it('runs a TypeScript file with its arguments, cwd and added environment', async () => {
    const cwd = await realpath(tmpdir());
    const outcome = await runSourceProcess(CHILD, ['0', 'a', 'b'], {
      cwd,
      env: { PAYMUX_TEST_MARKER: 'seen' },
    });
    expect(outcome).toMatchObject({ code: 0, signal: null, stderr: 'to stderr\n' });
    expect(JSON.parse(outcome.stdout)).toEqual({ rest: ['a', 'b'], cwd, marker: 'seen' });
  });

  it('resolves a failing exit code instead of rejecting', async () => {
    const outcome = await runSourceProcess(CHILD, ['3']);
    expect(outcome.code).toBe(3);
    expect(outcome.signal).toBeNull();
  });

  it('kills a child that outlives the timeout and reports the signal', async () => {
    const outcome = await runSourceProcess(CHILD, ['hang'], { timeoutMs: 1500 });
    expect(outcome).toMatchObject({ code: null, signal: 'SIGTERM' });
  });
});
