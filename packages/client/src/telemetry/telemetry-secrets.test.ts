import { plugin as finrax } from '@paymux/finrax';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend, signFake } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';
import { telemetryRecorder } from './telemetry-recorder.test-support';

// Everything an exporter would receive from a run full of failures whose provider answers echo
// the credentials back: no API key, API secret, webhook secret or Authorization value in it.

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  nock.cleanAll();
  await sandbox?.close();
});

describe('telemetry and secrets', () => {
  it('exports no configured secret and no Authorization value, even when the provider echoes them', async () => {
    const recorder = telemetryRecorder();
    const f = sandbox.providers.finrax;
    const webhookSecret = 'whsec-otel-secret-0001';
    const fakeKey = 'fake-key-otel-secret-0001';
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [finrax, createFakePlugin('alpha', new FakeBackend())],
      providers: {
        main: {
          type: 'finrax',
          apiKey: f.apiKey,
          apiSecret: f.apiSecret,
          businessId: f.businessId,
          baseUrl: f.baseUrl,
        },
        hooks: { type: 'alpha', apiKey: fakeKey, webhookSecret },
      },
      routing: { default: 'main' },
      telemetry: recorder.telemetry,
    });
    try {
      const payment = await paymux.createPayment({
        reference: 'otel-secrets-1',
        amount: { amount: '12.00', currency: 'EUR' },
      });
      const path = `${new URL(f.baseUrl).pathname}/api/v1/payments/${payment.providerPaymentId}`;
      const authorizations: string[] = [];
      const echo = (status: number) =>
        function (this: { req: { headers: Record<string, string | string[]> } }) {
          const authorization = String(this.req.headers.authorization);
          authorizations.push(authorization);
          return [
            status,
            {
              message: `rejected ${authorization} for key ${f.apiKey} (secret ${f.apiSecret})`,
              code: `E_${f.apiKey}`,
              echoed: { authorization, apiKey: f.apiKey, apiSecret: f.apiSecret },
            },
            { 'x-echo': authorization, 'x-request-id': f.apiKey },
          ] as [number, object, Record<string, string>];
        };
      const origin = new URL(f.baseUrl).origin;
      // A retried failure, then a final one; then an outright authentication failure.
      nock(origin, { allowUnmocked: true })
        .get(path)
        .reply(echo(503))
        .get(path)
        .reply(echo(503))
        .get(path)
        .reply(echo(503));
      await expect(paymux.getPayment(payment.id, { account: 'main' })).rejects.toThrow();
      nock(origin, { allowUnmocked: true }).get(path).reply(echo(401));
      await expect(paymux.getPayment(payment.id, { account: 'main' })).rejects.toThrow();
      nock(origin, { allowUnmocked: true }).get(path).reply(echo(400));
      await expect(paymux.getPayment(payment.id, { account: 'main' })).rejects.toThrow();
      // Webhooks: accepted, then one signed with a wrong secret that names the real one.
      const body = JSON.stringify({
        id: `evt-${webhookSecret}`,
        paymentId: 'pay-otel-secret',
        status: 'succeeded',
        occurredAt: '2026-01-01T00:00:00.000Z',
        note: webhookSecret,
      });
      await paymux.webhooks.handle('hooks', {
        rawBody: body,
        headers: { 'x-fake-signature': signFake(webhookSecret, body) },
      });
      await paymux.webhooks.handle('hooks', {
        rawBody: body,
        headers: { 'x-fake-signature': signFake('wrong', body), authorization: `Bearer ${fakeKey}` },
      });

      expect(authorizations.length).toBeGreaterThanOrEqual(5);
      expect(recorder.spansNamed('paymux.getPayment')).toHaveLength(3);
      expect(recorder.spansNamed('paymux.webhook')).toHaveLength(2);
      expect((await recorder.points('paymux.retries')).length).toBeGreaterThan(0);
      const exported = await recorder.exported();
      const secrets = [f.apiKey, f.apiSecret, webhookSecret, fakeKey, ...authorizations];
      // The signature part of each Authorization value on its own, too.
      for (const authorization of authorizations) {
        for (const part of authorization.split(/[ ,=]/)) if (part.length >= 16) secrets.push(part);
      }
      expect(secrets.filter((value) => exported.includes(value))).toEqual([]);
      expect(exported).toContain('authentication_error');
    } finally {
      await paymux.close();
      await recorder.shutdown();
    }
  });
});
