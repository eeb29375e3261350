// Child-process entry of startSandboxProcess: starts the sandbox, reports where it listens, and
// closes it when the parent asks (or goes away).
import { type SandboxOptions, startSandbox } from '@paymux/sandbox';
import type { SandboxChildMessage } from './sandbox-process';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const sandbox = await startSandbox(options);
const ready: SandboxChildMessage = { type: 'ready', url: sandbox.url, providers: sandbox.providers };
process.send?.(ready);

async function shutdown(): Promise<void> {
  await sandbox.close();
  process.exit(0);
}
process.on('message', (message: { type?: string }) => {
  if (message.type === 'close') void shutdown();
});
process.on('disconnect', () => void shutdown());
