import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend, type FakeWebhookBody, signFake } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';
import type { Paymux } from '../client/paymux-client';
import { type TelemetryRecorder, telemetryRecorder } from './telemetry-recorder.test-support';

const SPAN_STATUS_ERROR = 2;
const secret = 'whsec-otel-0001';

let recorder: TelemetryRecorder;
let paymux: Paymux;

beforeEach(() => {
  recorder = telemetryRecorder();
  paymux = createPaymux({
    store: 'memory:',
    plugins: [createFakePlugin('alpha', new FakeBackend())],
    providers: { main: { type: 'alpha', apiKey: 'fake-key-otel-0001', webhookSecret: secret } },
    telemetry: recorder.telemetry,
  });
});
afterEach(async () => {
  await paymux.close();
  await recorder.shutdown();
});

function delivery(body: FakeWebhookBody, signingSecret = secret) {
  const rawBody = JSON.stringify(body);
  return { rawBody, headers: { 'x-fake-signature': signFake(signingSecret, rawBody) } };
}

const succeeded: FakeWebhookBody = {
  id: 'evt_otel_1',
  paymentId: 'pay_otel_1',
  status: 'succeeded',
  occurredAt: '2026-01-01T00:05:00.000Z',
};

describe('telemetry of webhooks', () => {
  it('puts a paymux.webhook span per delivery with its outcome, event types and verification', async () => {
    const result = await paymux.webhooks.handle('main', delivery(succeeded));
    expect(result.status).toBe(200);
    const [span, ...more] = recorder.spansNamed('paymux.webhook');
    expect(more).toEqual([]);
    expect(span!.attributes).toEqual({
      'paymux.operation': 'webhook',
      'paymux.account': 'main',
      'paymux.provider': 'alpha',
      'paymux.webhook.outcome': 'accepted',
      'paymux.webhook.event_types': ['payment.succeeded'],
      'paymux.webhook.verified_by': ['signature'],
      'paymux.webhook.events': 1,
      'http.response.status_code': 200,
    });
    expect(span!.status.code).not.toBe(SPAN_STATUS_ERROR);
  });

  it('tells a duplicate and a refused delivery apart, and counts each outcome', async () => {
    await paymux.webhooks.handle('main', delivery(succeeded));
    await paymux.webhooks.handle('main', delivery(succeeded));
    const forged = await paymux.webhooks.handle('main', delivery(succeeded, 'not-the-secret'));
    expect(forged.status).toBe(401);

    const [, duplicate, refused] = recorder.spansNamed('paymux.webhook');
    expect(duplicate!.attributes).toMatchObject({
      'paymux.webhook.outcome': 'duplicate',
      'paymux.webhook.events': 0,
      'paymux.webhook.event_types': ['payment.succeeded'],
    });
    expect(refused!.attributes).toMatchObject({
      'paymux.webhook.outcome': 'refused',
      'paymux.error.code': 'webhook_verification_failed',
      'paymux.error.kind': 'WebhookVerificationError',
      'http.response.status_code': 401,
      'paymux.webhook.event_types': [],
    });
    expect(refused!.status).toEqual({
      code: SPAN_STATUS_ERROR,
      message: 'WebhookVerificationError (webhook_verification_failed)',
    });

    const counted = (outcome: string) => ({
      attributes: { 'paymux.account': 'main', 'paymux.provider': 'alpha', 'paymux.webhook.outcome': outcome },
      value: 1,
    });
    const points = await recorder.points('paymux.webhooks');
    expect(points).toHaveLength(3);
    expect(points).toEqual(
      expect.arrayContaining([counted('accepted'), counted('duplicate'), counted('refused')]),
    );
  });

  it('records a handle that throws (an unknown account) as failed', async () => {
    await expect(paymux.webhooks.handle('nope', delivery(succeeded))).rejects.toThrow();
    const [span] = recorder.spansNamed('paymux.webhook');
    expect(span!.attributes).toMatchObject({ 'paymux.account': 'nope', 'paymux.webhook.outcome': 'failed' });
    expect(span!.status.code).toBe(SPAN_STATUS_ERROR);
  });
});
