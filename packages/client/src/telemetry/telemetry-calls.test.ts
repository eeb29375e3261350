import { AuthenticationError } from '@paymux/core';
import { plugin as finrax } from '@paymux/finrax';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPaymux } from '../client/create-paymux';
import type { Paymux } from '../client/paymux-client';
import { type TelemetryRecorder, telemetryRecorder } from './telemetry-recorder.test-support';

// Provider calls through the real Finrax adapter against the sandbox, recorded by the
// OpenTelemetry SDK's in-memory exporters; nock stands in front of the sandbox for one answer
// where a test needs a fault (allowUnmocked lets every other request through).

const SPAN_STATUS_ERROR = 2;

let sandbox: Sandbox;
let recorder: TelemetryRecorder;
let paymux: Paymux;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

beforeEach(() => {
  recorder = telemetryRecorder();
  const f = sandbox.providers.finrax;
  paymux = createPaymux({
    plugins: [finrax],
    store: 'memory:',
    providers: {
      main: {
        type: 'finrax',
        apiKey: f.apiKey,
        apiSecret: f.apiSecret,
        businessId: f.businessId,
        baseUrl: f.baseUrl,
      },
    },
    routing: { default: 'main' },
    telemetry: recorder.telemetry,
  });
});
afterEach(async () => {
  nock.cleanAll();
  await paymux.close();
  await recorder.shutdown();
});

const createOrder = (reference: string) =>
  paymux.createPayment({ reference, amount: { amount: '49.90', currency: 'EUR' } });

/** The Finrax payment read path, for a nock interceptor in front of the sandbox. */
const paymentPath = (providerPaymentId: string) =>
  `${new URL(sandbox.providers.finrax.baseUrl).pathname}/api/v1/payments/${providerPaymentId}`;

describe('telemetry of provider calls', () => {
  it('puts one span per call with its account, provider, operation, HTTP status and resulting status', async () => {
    const payment = await createOrder('otel-create-1');
    const [span, ...more] = recorder.spansNamed('paymux.createPayment');
    expect(more).toEqual([]);
    expect(span!.attributes).toEqual({
      'paymux.account': 'main',
      'paymux.provider': 'finrax',
      'paymux.operation': 'createPayment',
      'paymux.status': payment.status,
      'http.response.status_code': expect.any(Number),
      'paymux.retries': 0,
      'paymux.rate_limit.waits': 0,
    });
    expect(payment.status).toBe('requires_payment');
    expect(span!.attributes['http.response.status_code']).toBeGreaterThanOrEqual(200);
    expect(span!.attributes['http.response.status_code']).toBeLessThan(300);
    expect(span!.status.code).not.toBe(SPAN_STATUS_ERROR);
    expect(await recorder.points('paymux.calls')).toEqual([
      {
        attributes: {
          'paymux.account': 'main',
          'paymux.provider': 'finrax',
          'paymux.operation': 'createPayment',
          'paymux.outcome': 'ok',
        },
        value: 1,
      },
    ]);
    const [duration] = await recorder.points('paymux.call.duration');
    expect(duration?.value).toBe(1);
  });

  it('counts a retry on the span and in paymux.retries', async () => {
    const payment = await createOrder('otel-retry-1');
    nock(new URL(sandbox.providers.finrax.baseUrl).origin, { allowUnmocked: true })
      .get(paymentPath(payment.providerPaymentId))
      .reply(503, 'busy');
    const read = await paymux.getPayment(payment.id, { account: 'main' });
    expect(read.id).toBe(payment.id);
    const [span] = recorder.spansNamed('paymux.getPayment');
    expect(span!.attributes).toMatchObject({
      'paymux.retries': 1,
      'http.response.status_code': 200,
      'paymux.status': 'requires_payment',
    });
    expect(await recorder.points('paymux.retries')).toEqual([
      {
        attributes: {
          'paymux.account': 'main',
          'paymux.provider': 'finrax',
          'paymux.operation': 'getPayment',
          'paymux.error.code': 'provider_unavailable',
        },
        value: 1,
      },
    ]);
  });

  it('records the error code and kind of a failing call, and counts it as an error', async () => {
    const payment = await createOrder('otel-fail-1');
    nock(new URL(sandbox.providers.finrax.baseUrl).origin, { allowUnmocked: true })
      .get(paymentPath(payment.providerPaymentId))
      .reply(401, { message: 'Invalid API key' });
    const error = await paymux.getPayment(payment.id, { account: 'main' }).catch((caught: unknown) => caught);
    expect(AuthenticationError.is(error)).toBe(true);
    const [span] = recorder.spansNamed('paymux.getPayment');
    expect(span!.attributes).toMatchObject({
      'paymux.account': 'main',
      'paymux.provider': 'finrax',
      'paymux.error.code': 'authentication_error',
      'paymux.error.kind': 'AuthenticationError',
      'error.type': 'AuthenticationError',
      'http.response.status_code': 401,
      'paymux.retries': 0,
    });
    expect(span!.attributes['paymux.status']).toBeUndefined();
    expect(span!.status).toEqual({
      code: SPAN_STATUS_ERROR,
      message: 'AuthenticationError (authentication_error)',
    });
    const points = await recorder.points('paymux.calls');
    expect(points).toContainEqual({
      attributes: {
        'paymux.account': 'main',
        'paymux.provider': 'finrax',
        'paymux.operation': 'getPayment',
        'paymux.outcome': 'error',
        'paymux.error.code': 'authentication_error',
      },
      value: 1,
    });
  });

  it('records a call refused before any I/O (an unknown account) with its code and no HTTP status', async () => {
    const error = await paymux.getPayment('p-1', { account: 'nope' }).catch((caught: unknown) => caught);
    const [span] = recorder.spansNamed('paymux.getPayment');
    expect(span!.attributes).toMatchObject({
      'paymux.operation': 'getPayment',
      'paymux.error.code': (error as { code: string }).code,
    });
    expect(span!.attributes['paymux.account']).toBeUndefined();
    expect(span!.attributes['http.response.status_code']).toBeUndefined();
  });
});
