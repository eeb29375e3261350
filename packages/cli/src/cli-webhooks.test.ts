import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockApiServer, type MockApiServer } from '@paymux/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configDir, runPaymux, TextSink } from './cli-test-support';
import { ExitCode } from './exit-codes';

// `webhooks listen` with the testkit's mock provider: its API server signs webhooks like a real
// provider, and the plugin is named in the config's `plugins` list.

let api: MockApiServer;
let cwd: string;

beforeAll(async () => {
  api = await createMockApiServer({ apiKey: 'mock_key_listen', webhookSecret: 'mock_whsec_listen' });
  const account = {
    type: 'mock',
    apiKey: api.apiKey,
    webhookSecret: api.webhookSecret,
    baseUrl: api.baseUrl,
  };
  cwd = await configDir({
    plugins: ['@paymux/testkit'],
    providers: { shop: account, other: { ...account } },
    routing: { default: 'shop' },
  });
});

afterAll(async () => {
  await api?.close();
});

async function listen(argv: string[]) {
  const stdout = new TextSink();
  const stderr = new TextSink();
  const controller = new AbortController();
  const done = runPaymux(['webhooks', 'listen', '--port', '0', ...argv], {
    cwd,
    stdout,
    stderr,
    signal: controller.signal,
  });
  const ready = await Promise.race([stderr.waitFor(/listening on (http:\/\/\S+)/), done]);
  if (!Array.isArray(ready)) throw new Error(`listen ended early: ${stderr.text}`);
  const stop = () => {
    controller.abort();
    return done;
  };
  return { url: ready[1]!, stdout, stderr, stop };
}

describe('paymux webhooks listen', () => {
  it('prints each verified event once as a JSON line, and refuses forged deliveries', async () => {
    const created = await runPaymux(
      ['payments', 'create', '--reference', 'listen-1', '--amount', '12.5', '--currency', 'EUR', '--json'],
      { cwd },
    );
    expect(created.code).toBe(ExitCode.ok);
    const payment = JSON.parse(created.stdout) as { id: string; providerPaymentId: string };

    const listener = await listen(['--account', 'shop', '--json']);
    api.setStatus(payment.providerPaymentId, 'paid');
    const delivery = await api.sendWebhook(listener.url, payment.providerPaymentId);
    expect(delivery.status).toBe(200);
    const [line] = await listener.stdout.waitFor(/^\{.*\}\n/m);
    expect(JSON.parse(line)).toMatchObject({
      type: 'payment.succeeded',
      provider: 'shop',
      verifiedBy: 'signature',
      data: { id: payment.id, reference: 'listen-1', amount: { amount: '12.5', currency: 'EUR' } },
    });

    // The same notification again is recognised and not printed twice.
    const wire = api.getPayment(payment.providerPaymentId)!;
    await api.sendWebhook(listener.url, wire);
    await listener.stderr.waitFor(/ignored payment\.succeeded/);

    const forged = await fetch(listener.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mock-signature': '00'.repeat(32) },
      body: JSON.stringify({
        id: 'evt_forged',
        type: 'payment.updated',
        created_at: new Date().toISOString(),
        data: wire,
      }),
    });
    expect(forged.status).toBe(401);
    await listener.stderr.waitFor(/✗ 401 POST \/: /);

    const stopped = await listener.stop();
    expect(stopped.code).toBe(ExitCode.ok);
    expect(stopped.stdout.trim().split('\n')).toHaveLength(1);
    expect(`${stopped.stdout}${stopped.stderr}`).not.toContain(api.webhookSecret);
  });

  it('prints a readable line per event by default', async () => {
    const created = await runPaymux(
      [
        'payments',
        'create',
        '-a',
        'other',
        '--reference',
        'listen-2',
        '--amount',
        '3',
        '--currency',
        'USDT',
        '--json',
      ],
      { cwd },
    );
    const payment = JSON.parse(created.stdout) as { id: string; providerPaymentId: string };
    const listener = await listen(['-a', 'other']);
    expect(listener.stderr.text).toContain('for account other (mock)');
    api.setStatus(payment.providerPaymentId, 'expired');
    await api.sendWebhook(listener.url, payment.providerPaymentId);
    const [line] = await listener.stdout.waitFor(/^.*payment\.expired.*$/m);
    expect(line).toContain(
      `payment.expired  ${payment.id}  expired  ref listen-2  3 USDT  verified by signature`,
    );
    await listener.stop();
  });

  it('exits 2 without --account when several accounts exist, for an unknown account, and for a busy port', async () => {
    const ambiguous = await runPaymux(['webhooks', 'listen', '--port', '0'], { cwd });
    expect(ambiguous.code).toBe(ExitCode.usage);
    expect(ambiguous.stderr).toContain('Missing --account (accounts: shop, other)');
    const unknown = await runPaymux(['webhooks', 'listen', '--port', '0', '-a', 'nope'], { cwd });
    expect(unknown.code).toBe(ExitCode.usage);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const busy = await runPaymux(['webhooks', 'listen', '--port', String(port), '-a', 'shop'], { cwd });
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    expect(busy.code).toBe(ExitCode.usage);
    expect(busy.stderr).toContain(`Port ${port} is already in use`);
  });
});

describe('paymux with a provider that fails', () => {
  it('exits 3 on a provider outage and 1 on refused credentials', async () => {
    const once = await configDir({
      plugins: ['@paymux/testkit'],
      providers: {
        shop: {
          type: 'mock',
          apiKey: api.apiKey,
          webhookSecret: 'w',
          baseUrl: api.baseUrl,
          retry: { maxAttempts: 1 },
        },
      },
    });
    api.failNext({ status: 503, times: 1 });
    const outage = await runPaymux(['payments', 'get', 'mock_pay_unknown'], { cwd: once });
    expect(outage.code).toBe(ExitCode.temporaryFailure);
    expect(outage.stderr).toMatch(/code provider_unavailable/);

    const badKey = await configDir({
      plugins: ['@paymux/testkit'],
      providers: { shop: { type: 'mock', apiKey: 'wrong_key', webhookSecret: 'w', baseUrl: api.baseUrl } },
    });
    const denied = await runPaymux(['payments', 'get', 'mock_pay_unknown'], { cwd: badKey });
    expect(denied.code).toBe(ExitCode.operationFailed);
    expect(denied.stderr).toMatch(/code authentication_error/);
    expect(denied.stderr).not.toContain('wrong_key');
  });
});
