import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { WorkerCommand, WorkerReport, WorkerSetup } from './instance-worker';

const WORKER = join(import.meta.dirname, 'instance-worker.ts');
// tsx is a root devDependency: resolved from here so the child needs no PATH lookup.
const TSX = createRequire(import.meta.url).resolve('tsx');

/** An event one instance emitted, as it reported it. */
export type ReportedEvent = Extract<WorkerReport, { type: 'event' }>;

/** One paymux instance in its own Node process. */
export interface Instance {
  name: string;
  child: ChildProcess;
  /** Sends a command and resolves with its result (rejects with the worker's error). */
  run<T = unknown>(command: WorkerCommand): Promise<T>;
  /** Ends the process at once, as a crash would (SIGKILL). */
  kill(): Promise<void>;
}

/**
 * Starts `count` instances (tsx, TypeScript sources) and collects every event they emit into
 * `events`, in the order the test process receives them.
 */
export async function startInstances(
  count: number,
  setup: Omit<WorkerSetup, 'name'>,
  events: ReportedEvent[],
): Promise<Instance[]> {
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      startInstance({ ...setup, name: `instance-${index}` }, events),
    ),
  );
}

function startInstance(setup: WorkerSetup, events: ReportedEvent[]): Promise<Instance> {
  const child = fork(WORKER, [JSON.stringify(setup)], {
    execArgv: ['--import', TSX, '--conditions=paymux-source'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  let exited = false;
  child.on('message', (report: WorkerReport) => {
    if (report.type === 'event') events.push(report);
    if (report.type !== 'done' && report.type !== 'failed') return;
    const entry = waiting.get(report.id);
    waiting.delete(report.id);
    if (report.type === 'done') entry?.resolve(report.result);
    else entry?.reject(new Error(`${setup.name}: ${report.error}`));
  });
  child.on('exit', () => {
    exited = true;
    for (const entry of waiting.values()) entry.reject(new Error(`${setup.name} exited`));
    waiting.clear();
  });
  const instance: Instance = {
    name: setup.name,
    child,
    run: <T>(command: WorkerCommand) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, command });
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${setup.name} exited early (code ${code})`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', (report: WorkerReport) => {
      child.off('exit', onExit);
      if (report.type === 'ready') resolve(instance);
      else reject(new Error(`${setup.name}: unexpected first report ${report.type}`));
    });
  });
}
