import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configDir, runPaymux, TextSink } from './cli-test-support';
import { sandboxConfig } from './sandbox-config';
import { ExitCode } from './exit-codes';

// Commands run in-process against @paymux/sandbox. The config names no plugins: the adapters are
// found by convention (`@paymux/<type>`), imported dynamically.

let sandbox: Sandbox;
let cwd: string;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
  cwd = await configDir(sandboxConfig(sandbox));
});

afterAll(async () => {
  await sandbox?.close();
});

const fast = ['--interval', '0.05'];

describe('paymux against the sandbox', () => {
  it('lists the four accounts and shows one in full', async () => {
    const human = await runPaymux(['accounts'], { cwd });
    expect(human.code).toBe(ExitCode.ok);
    for (const name of ['defexa', 'forumpay', 'finrax', 'depay'])
      expect(human.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
    expect(human.stderr).toContain('Loading config and provider plugins');

    const json = await runPaymux(['accounts', '--json'], { cwd });
    const accounts = JSON.parse(json.stdout) as { name: string; capabilities: { operations: object } }[];
    expect(accounts.map((account) => account.name).sort()).toEqual(['defexa', 'depay', 'finrax', 'forumpay']);
    for (const account of accounts) expect(account.capabilities.operations).toHaveProperty('createPayment');
    expect(json.stdout).not.toContain(sandbox.providers.finrax.apiSecret);

    const show = await runPaymux(['accounts', 'show', 'forumpay'], { cwd });
    expect(show.code).toBe(ExitCode.ok);
    expect(show.stdout).toMatch(/Account forumpay \(forumpay\)[\s\S]*flows[\s\S]*operations[\s\S]*getQuote/);
    const unknown = await runPaymux(['accounts', 'show', 'stripe'], { cwd });
    expect(unknown.code).toBe(ExitCode.usage);
    expect(unknown.stderr).toContain('No account "stripe" in the config');
  });

  it('creates a payment, waits for it to be paid and prints the verified webhook events', async () => {
    const listenOut = new TextSink();
    const listenErr = new TextSink();
    const stopListening = new AbortController();
    // Its own folder, so its own store: in the shared one, the event the --wait poll announces
    // first is (rightly) reported as already announced instead of printed.
    const listening = runPaymux(['webhooks', 'listen', '--account', 'finrax', '--port', '0'], {
      cwd: await configDir(sandboxConfig(sandbox)),
      signal: stopListening.signal,
      stdout: listenOut,
      stderr: listenErr,
    });
    const [, url] = await listenErr.waitFor(/listening on (http:\/\/\S+)/);
    sandbox.control.setFinraxCallbackUrls({ deposit: url, withdrawal: url, withdrawalApproval: url });

    const created = await runPaymux(
      [
        'payments',
        'create',
        '--account',
        'finrax',
        '--reference',
        'cli-order-1',
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
      ],
      { cwd },
    );
    expect(created.code).toBe(ExitCode.ok);
    expect(created.stderr).toContain('Creating payment on finrax');
    const payment = JSON.parse(created.stdout) as { id: string; providerPaymentId: string; status: string };
    expect(payment.status).toBe('requires_payment');

    const waitErr = new TextSink();
    const waiting = runPaymux(['payments', 'get', payment.id, '--account', 'finrax', '--wait', ...fast], {
      cwd,
      stderr: waitErr,
    });
    await waitErr.waitFor(/Waiting for payment .*: requires_payment/);
    sandbox.control.pay({ provider: 'finrax', id: payment.providerPaymentId, kind: 'exact' });
    sandbox.control.confirm({ provider: 'finrax', id: payment.providerPaymentId });
    const paid = await waiting;
    expect(paid.code).toBe(ExitCode.ok);
    expect(paid.stdout).toMatch(/^Payment \S+\n\s+status\s+succeeded \(DEPOSITED\)/);
    expect(paid.stdout).toMatch(/reference\s+cli-order-1/);

    await listenOut.waitFor(
      new RegExp(`payment\\.succeeded  ${payment.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(listenOut.text).toContain('verified by signature');
    stopListening.abort();
    const listened = await listening;
    expect(listened.code).toBe(ExitCode.ok);
    expect(listened.stderr).toContain('Stopped.');
  });

  it('gives up a --wait with exit 5 and keeps stdout to the result', async () => {
    const created = await runPaymux(
      [
        'payments',
        'create',
        '-a',
        'finrax',
        '--reference',
        'cli-order-2',
        '--amount',
        '10',
        '--currency',
        'EUR',
        '--json',
        '-q',
      ],
      { cwd },
    );
    expect(created.stderr).toBe('');
    const { id } = JSON.parse(created.stdout) as { id: string };
    const run = await runPaymux(
      ['payments', 'get', id, '-a', 'finrax', '--wait', '--timeout', '0.2', ...fast, '--json'],
      {
        cwd,
      },
    );
    expect(run.code).toBe(ExitCode.waitTimedOut);
    expect(JSON.parse(run.stdout)).toMatchObject({ id, status: 'requires_payment' });
    expect(run.stderr).toContain(`Gave up waiting: payment ${id} is still requires_payment`);
  });

  it('sends a payout and follows it to success', async () => {
    const created = await runPaymux(
      [
        'payouts',
        'create',
        '-a',
        'finrax',
        '--reference',
        'cli-payout-1',
        '--amount',
        '25',
        '--currency',
        'USDT',
        '--asset',
        'USDT',
        '--network',
        'tron',
        '--address',
        'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
        '--json',
      ],
      { cwd },
    );
    expect(created.code).toBe(ExitCode.ok);
    const payout = JSON.parse(created.stdout) as { id: string; providerPayoutId: string; status: string };
    expect(payout.status).toBe('pending');
    sandbox.control.approvePayout({ provider: 'finrax', id: payout.providerPayoutId });
    const run = await runPaymux(['payouts', 'get', payout.id, '-a', 'finrax', '--wait', ...fast], { cwd });
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/status\s+succeeded/);
    expect(run.stdout).toMatch(/to\s+TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf \(USDT on tron\)/);
  });

  it('gets a quote', async () => {
    const run = await runPaymux(
      ['quotes', 'get', '-a', 'forumpay', '--amount', '10', '--currency', 'EUR', '--pay-with', 'BTC'],
      {
        cwd,
      },
    );
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/^Quote from forumpay\n\s+pay\s+\d[\d.]* BTC\n\s+for\s+10 EUR/);
  });

  it('exits 1 when the provider refuses, with the error as JSON', async () => {
    const missing = await runPaymux(['payments', 'get', 'no-such-payment', '-a', 'finrax', '--json'], {
      cwd,
    });
    expect(missing.code).toBe(ExitCode.operationFailed);
    const { error } = JSON.parse(missing.stdout) as { error: { code: string; httpStatus: number } };
    expect(error).toMatchObject({ code: 'not_found', httpStatus: 404 });
    expect(missing.stderr).toMatch(/^Error: Finrax answered HTTP 404/m);

    // An id another adapter could never have made is refused before any request: a usage error.
    const foreign = await runPaymux(['payments', 'get', 'no-such-payment', '-a', 'defexa'], { cwd });
    expect(foreign.code).toBe(ExitCode.usage);
    expect(foreign.stderr).toMatch(/code validation_error/);

    const order = [
      'payments',
      'create',
      '-a',
      'finrax',
      '--reference',
      'cli-dup',
      '--currency',
      'EUR',
      '--amount',
    ];
    expect((await runPaymux([...order, '10'], { cwd })).code).toBe(ExitCode.ok);
    // The same reference with another amount, in the same state (.paymux/state.db under cwd):
    // paymux refuses it before any request.
    const conflicting = await runPaymux([...order, '11'], { cwd });
    expect(conflicting.code).toBe(ExitCode.usage);
    expect(conflicting.stderr).toMatch(/code validation_error/);
    // A client with no record of the first call sends it, and Finrax refuses the reference.
    const forgetful = await configDir({ ...sandboxConfig(sandbox), store: 'memory:' });
    const duplicate = await runPaymux([...order, '11'], { cwd: forgetful });
    expect(duplicate.code).toBe(ExitCode.operationFailed);
    expect(duplicate.stderr).toMatch(/code duplicate_reference, account finrax, HTTP 409/);

    const wrongKey = sandboxConfig(sandbox) as { providers: Record<string, Record<string, unknown>> };
    wrongKey.providers.depay = { ...wrongKey.providers.depay, apiKey: 'not-the-sandbox-key' };
    const dir = await configDir(wrongKey);
    const denied = await runPaymux(
      [
        'quotes',
        'get',
        '-a',
        'depay',
        '--amount',
        '10',
        '--currency',
        'USD',
        '--pay-with',
        'USDT',
        '--network',
        'ethereum',
      ],
      { cwd: dir },
    );
    expect(denied.code).toBe(ExitCode.operationFailed);
    expect(denied.stderr).toMatch(/code authentication_error/);
    expect(denied.stderr).not.toContain('not-the-sandbox-key');
  });

  it('exits 3 when the provider cannot be reached', async () => {
    const config = sandboxConfig(sandbox) as { providers: Record<string, Record<string, unknown>> };
    const closed = await startSandbox();
    const deadUrl = closed.providers.forumpay.baseUrl;
    await closed.close();
    config.providers.forumpay = { ...config.providers.forumpay, baseUrl: deadUrl, retry: { maxAttempts: 1 } };
    const dir = await configDir(config);
    const run = await runPaymux(
      ['quotes', 'get', '-a', 'forumpay', '--amount', '10', '--currency', 'EUR', '--pay-with', 'BTC'],
      { cwd: dir },
    );
    expect(run.code).toBe(ExitCode.temporaryFailure);
    expect(run.stderr).toMatch(/code (network_error|provider_unavailable)/);
  });
});

describe('paymux sandbox', () => {
  it('starts the emulators, writes a working config and stops on the signal', async () => {
    const dir = await configDir({ providers: {} });
    const stdout = new TextSink();
    const stop = new AbortController();
    const running = runPaymux(
      ['sandbox', '--write-config', 'sandbox.json', '--json', '--time-scale', '0.001', '--port', '0'],
      {
        cwd: dir,
        stdout,
        signal: stop.signal,
      },
    );
    await stdout.waitFor(/\n}\n$/);
    const info = JSON.parse(stdout.text) as { url: string; configPath: string };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.configPath).toBe(join(dir, 'sandbox.json'));
    const accounts = await runPaymux(['accounts', '--config', 'sandbox.json', '--json'], { cwd: dir });
    expect(accounts.code).toBe(ExitCode.ok);
    const quote = await runPaymux(
      [
        'quotes',
        'get',
        '-c',
        'sandbox.json',
        '-a',
        'forumpay',
        '--amount',
        '5',
        '--currency',
        'EUR',
        '--pay-with',
        'ETH',
      ],
      { cwd: dir },
    );
    expect(quote.code).toBe(ExitCode.ok);

    const again = await runPaymux(['sandbox', '--write-config', 'sandbox.json', '--port', '0'], { cwd: dir });
    expect(again.code).toBe(ExitCode.usage);
    expect(again.stderr).toContain(`belongs to the sandbox running at ${info.url}`);

    stop.abort();
    const stopped = await running;
    expect(stopped.code).toBe(ExitCode.ok);
    expect(stopped.stderr).toContain('Sandbox stopped.');
    const after = await fetch(`${info.url}/__sandbox/info`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(after).toBe('refused');
  });

  it('refuses a bad --time-scale', async () => {
    const dir = await configDir({ providers: {} });
    const run = await runPaymux(['sandbox', '--time-scale', 'fast', '--port', '0'], { cwd: dir });
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('--time-scale must be a positive number');
  });
});
