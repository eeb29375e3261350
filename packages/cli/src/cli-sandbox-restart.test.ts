import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDir, runPaymux, TextSink } from './cli-test-support';
import { ExitCode } from './exit-codes';
import { SANDBOX_DEPAY_WALLET } from './sandbox-config';

// `paymux sandbox --write-config` as a new user runs it: start, use the file, stop, start again.

type Accounts = Record<string, Record<string, unknown>>;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `paymux sandbox` in `cwd` and waits until it has written its config. */
async function startSandboxCommand(cwd: string, argv: string[]) {
  const stdout = new TextSink();
  const stderr = new TextSink();
  const stop = new AbortController();
  const done = runPaymux(['sandbox', '--time-scale', '0.001', ...argv], {
    cwd,
    stdout,
    stderr,
    signal: stop.signal,
  });
  const ready = await Promise.race([stdout.waitFor(/Ctrl\+C to stop\./), done]);
  if (!Array.isArray(ready)) throw new Error(`sandbox ended early: ${stderr.text}`);
  return {
    stderr,
    stop: () => {
      stop.abort();
      return done;
    },
  };
}

const readAccounts = async (path: string) =>
  (JSON.parse(await readFile(path, 'utf8')) as { providers: Accounts }).providers;

describe('paymux sandbox --write-config', () => {
  it('writes what every provider needs, and the file still works after a restart', async () => {
    const cwd = await configDir({ providers: {} });
    const configPath = join(cwd, 'paymux.config.json');
    const port = String(await freePort());
    const argv = ['--write-config', 'paymux.config.json', '--port', port];

    // A config paymux did not write is never replaced silently.
    const refused = await runPaymux(['sandbox', ...argv], { cwd });
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toContain('pass --force to replace it');

    const first = await startSandboxCommand(cwd, [...argv, '--force']);
    const written = await readAccounts(configPath);
    expect(written.defexa).toMatchObject({ callbackUrl: 'http://127.0.0.1:4242/' });
    expect(written.depay?.wallets).toEqual(
      expect.arrayContaining([expect.objectContaining({ network: 'ethereum' })]),
    );
    expect(written.finrax).toMatchObject({ defaultDisplayCurrency: 'EUR' });
    expect((await first.stop()).code).toBe(ExitCode.ok);

    // Restarted without --force: the file is the sandbox's own, so it is written again.
    const second = await startSandboxCommand(cwd, argv);
    const rewritten = await readAccounts(configPath);
    for (const name of ['defexa', 'forumpay', 'finrax', 'depay']) {
      expect(rewritten[name]?.baseUrl, name).toBe(written[name]?.baseUrl);
    }
    expect(rewritten.finrax?.apiKey).toBe(written.finrax?.apiKey);
    expect(rewritten.defexa?.merchantPrivateKey).toBe(written.defexa?.merchantPrivateKey);

    // While it runs, a second sandbox does not take its file.
    const busy = await runPaymux(['sandbox', ...argv], { cwd });
    expect(busy.code).toBe(ExitCode.usage);
    expect(busy.stderr).toContain(`belongs to the sandbox running at http://127.0.0.1:${port}`);

    // Each provider can take a payment with the file as written: Defexa needs the callback URL,
    // DePay a receiving wallet for the network (the transaction to track is per payment).
    const create = (account: string, reference: string, extra: string[]) =>
      runPaymux(['payments', 'create', '-a', account, '--reference', reference, '--json', '-q', ...extra], {
        cwd,
      });
    const defexa = await create('defexa', 'restart-dfx', [
      '--amount',
      '0.01',
      '--currency',
      'BTC',
      '--return-url',
      'http://127.0.0.1:4242/done',
    ]);
    expect(defexa.code, defexa.stderr).toBe(ExitCode.ok);
    const depay = await create('depay', 'restart-depay', [
      '--amount',
      '10',
      '--currency',
      'USDT',
      '--pay-with',
      'USDT',
      '--network',
      'ethereum',
      '--flow',
      'tracking',
      '--data',
      JSON.stringify({
        providerOptions: {
          depay: {
            transaction: `0x${'ab'.repeat(32)}`,
            sender: SANDBOX_DEPAY_WALLET,
            nonce: 1,
            afterBlock: 19_000_000,
          },
        },
      }),
    ]);
    expect(depay.code, depay.stderr).toBe(ExitCode.ok);
    const finrax = await create('finrax', 'restart-frx', ['--amount', '10', '--currency', 'EUR']);
    expect(finrax.code, finrax.stderr).toBe(ExitCode.ok);
    expect((await second.stop()).code).toBe(ExitCode.ok);
  });

  it('exits 2 naming --port when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const cwd = await configDir({ providers: {} });
    const run = await runPaymux(['sandbox', '--port', String(port)], { cwd });
    await new Promise((resolve) => blocker.close(resolve));
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain(`Port ${port} is already in use: pass --port <port>`);
  });

  it('replaces a file of its own shape whose sandbox is gone, keeping its credentials', async () => {
    const cwd = await configDir({ providers: {} });
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const stale = {
      providers: {
        defexa: { type: 'defexa', baseUrl: `${origin}/defexa`, merchantPrivateKey: 'kept-defexa-key' },
        forumpay: {
          type: 'forumpay',
          baseUrl: `${origin}/forumpay/pay/v2/`,
          user: 'u',
          secret: 's',
          posId: 'web',
        },
        finrax: {
          type: 'finrax',
          baseUrl: `${origin}/finrax`,
          apiKey: 'kept-finrax-key',
          apiSecret: 'x',
          businessId: 'b',
        },
        depay: { type: 'depay', baseUrl: `${origin}/depay/v2`, apiKey: 'kept-depay-key' },
      },
    };
    await writeFile(join(cwd, 'sandbox.json'), JSON.stringify(stale));
    const running = await startSandboxCommand(cwd, [
      '--write-config',
      'sandbox.json',
      '--port',
      String(port),
    ]);
    const accounts = await readAccounts(join(cwd, 'sandbox.json'));
    expect(accounts.finrax?.apiKey).toBe('kept-finrax-key');
    expect(accounts.defexa?.merchantPrivateKey).toBe('kept-defexa-key');
    const listed = await runPaymux(['accounts', '-c', 'sandbox.json', '--json'], { cwd });
    expect(listed.code, listed.stderr).toBe(ExitCode.ok);
    await running.stop();
  });
});
