import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CountingProxy, runCliProcess, startCountingProxy } from './cli-process-support';

// The `paymux` command keeps its state in the config's store, by default .paymux/state.db under
// the working directory: the same command run twice, in two processes, is one payment.

let sandbox: Sandbox;
let proxy: CountingProxy;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
  proxy = await startCountingProxy(sandbox.url);
});

afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
});

describe('paymux payments create, run twice in two processes', () => {
  it('returns the first payment the second time, from .paymux/state.db', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'paymux-cli-restart-'));
    const { finrax } = sandbox.providers;
    const account = {
      type: 'finrax',
      baseUrl: finrax.baseUrl.replace(sandbox.url, proxy.url),
      apiKey: finrax.apiKey,
      apiSecret: finrax.apiSecret,
      businessId: finrax.businessId,
      callbackPublicKey: finrax.callbackPublicKey,
    };
    await writeFile(join(cwd, 'paymux.config.json'), JSON.stringify({ providers: { finrax: account } }));
    const args = [
      'payments',
      'create',
      '-a',
      'finrax',
      '--reference',
      'cli-restart-1',
      '--amount',
      '50',
      '--currency',
      'EUR',
      '--pay-with',
      'USDT',
      '--network',
      'ethereum',
      '--flow',
      'deposit_address',
      '--json',
    ];
    const creates = /^POST \/finrax\/api\/v1\/payments(\?|$)/;
    const before = proxy.count(creates);

    const first = await runCliProcess(args, cwd);
    expect(first.code, first.stderr).toBe(0);
    await access(join(cwd, '.paymux', 'state.db'));
    const second = await runCliProcess(args, cwd);
    expect(second.code, second.stderr).toBe(0);

    const [a, b] = [first, second].map((run) => JSON.parse(run.stdout) as { id: string });
    expect(b!.id).toBe(a!.id);
    expect(proxy.count(creates) - before).toBe(1);
  });
});
