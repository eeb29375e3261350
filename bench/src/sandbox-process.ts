import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SandboxOptions, SandboxProviders } from '@paymux/sandbox';

/** A sandbox running in a child process, so its CPU time is not charged to the measured client. */
export interface SandboxProcess {
  url: string;
  providers: SandboxProviders;
  close(): Promise<void>;
}

/** The messages between this module and `sandbox-child.ts`. */
export type SandboxChildMessage = { type: 'ready'; url: string; providers: SandboxProviders };

/**
 * Starts `@paymux/sandbox` in a child Node process (TypeScript sources through tsx). On a
 * two-core machine the client under test and the emulator then each get a core, instead of
 * sharing one event loop whose server work would be counted as client latency.
 *
 * @example
 * const sandbox = await startSandboxProcess({ depay: { requestsPerSecond: 100_000 } });
 * await sandbox.close();
 */
export function startSandboxProcess(options: SandboxOptions = {}): Promise<SandboxProcess> {
  const child = fork(
    fileURLToPath(new URL('./sandbox-child.ts', import.meta.url)),
    [JSON.stringify(options)],
    {
      // Set, not inherited: under vitest this process has neither the loader nor the condition.
      // `--import tsx` resolves from the working directory, this package's.
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      execArgv: ['--conditions=paymux-source', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`sandbox child exited early (code ${code})`));
    child.once('error', reject);
    child.once('exit', onExit);
    child.once('message', (message: SandboxChildMessage) => {
      child.off('exit', onExit);
      resolve({
        url: message.url,
        providers: message.providers,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.send({ type: 'close' });
          }),
      });
    });
  });
}
