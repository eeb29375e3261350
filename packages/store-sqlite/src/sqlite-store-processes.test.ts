import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from './create-sqlite-store';

const directory = mkdtempSync(join(tmpdir(), 'paymux-sqlite-processes-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface ChildResult {
  won: string[];
  counts: number[];
}

function startChild(path: string, ids: string[]) {
  const child = fork(
    join(import.meta.dirname, '__fixtures__', 'claim-race-child.ts'),
    [path, JSON.stringify(ids)],
    {
      execArgv: ['--conditions=paymux-source', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before it was ready`)));
  });
  const result = ready.then(
    () =>
      new Promise<ChildResult>((resolve, reject) => {
        child.once('message', (message) => resolve(message as ChildResult));
        child.once('exit', (code) => reject(new Error(`child exited with ${code} before answering`)));
      }),
  );
  return { child, ready, result };
}

describe('createSqliteStore, several processes on one file', () => {
  it('gives each claim one winner and loses no count when three processes race', async () => {
    // Nested directories that do not exist yet: the store creates them.
    const path = join(directory, 'nested', 'deeper', 'state.db');
    const ids = Array.from({ length: 150 }, (_, index) => `evt_${index}`);
    const children = [startChild(path, ids), startChild(path, ids), startChild(path, ids)];
    await Promise.all(children.map((entry) => entry.ready));
    for (const entry of children) entry.child.send('go');
    const results = await Promise.all(children.map((entry) => entry.result));

    const winners = results.flatMap((result) => result.won).sort();
    expect(winners).toEqual([...ids].sort());
    const counts = results.flatMap((result) => result.counts).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: ids.length * 3 }, (_, index) => index + 1));

    const store = await createSqliteStore({ path });
    expect(await store.getDailyCount('main', '2026-11-21')).toBe(ids.length * 3);
    const pids = new Set(children.map((entry) => entry.child.pid));
    for (const id of ids) expect(pids.has((await store.getValue('main', id)) as number)).toBe(true);
    await store.close();
  }, 60_000);
});
