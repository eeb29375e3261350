import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type * as OtelApiModule from '@opentelemetry/api';
import { ConfigurationError } from '@paymux/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';
import { loadOtelApi } from './otel-api';
import { PaymuxTelemetry } from './paymux-telemetry';
import { telemetryRecorder } from './telemetry-recorder.test-support';

// The same CommonJS copy of the API that paymux loads (see telemetry-recorder.test-support.ts).
const api = createRequire(import.meta.url)('@opentelemetry/api') as typeof OtelApiModule;
const run = promisify(execFile);
const identity = (text: string) => text;

function fakeClient(options: Parameters<typeof createFakePlugin>[2] = {}, telemetry?: object) {
  return createPaymux({
    store: 'memory:',
    plugins: [createFakePlugin('alpha', new FakeBackend(), options)],
    providers: { main: { type: 'alpha', apiKey: 'fake-key-setup-0001' } },
    ...(telemetry ? { telemetry } : {}),
  });
}

const order = { reference: 'otel-setup-1', amount: { amount: '5', currency: 'EUR' } };

afterEach(() => {
  api.trace.disable();
  api.metrics.disable();
});

describe('telemetry setup', () => {
  it('uses the global OpenTelemetry providers when the config names none, even ones registered later', async () => {
    const recorder = telemetryRecorder();
    const paymux = fakeClient();
    api.trace.setGlobalTracerProvider(recorder.tracerProvider);
    api.metrics.setGlobalMeterProvider(recorder.meterProvider);
    await paymux.createPayment(order);
    expect(recorder.spansNamed('paymux.createPayment')[0]?.attributes).toMatchObject({
      'paymux.account': 'main',
      'paymux.provider': 'alpha',
      'paymux.status': 'requires_payment',
    });
    expect(await recorder.points('paymux.calls')).toEqual([
      expect.objectContaining({ attributes: expect.objectContaining({ 'paymux.outcome': 'ok' }), value: 1 }),
    ]);
    await paymux.close();
    await recorder.shutdown();
  });

  it('counts rate-limit waits and their duration', async () => {
    const recorder = telemetryRecorder();
    const paymux = fakeClient(
      { rateLimits: { requestsPerSecond: 1, windowMarginMs: 0 }, useRateLimiter: true },
      recorder.telemetry,
    );
    const payment = await paymux.createPayment(order);
    await paymux.getPayment(payment.id);
    expect(recorder.spansNamed('paymux.getPayment')[0]?.attributes['paymux.rate_limit.waits']).toBe(1);
    expect(recorder.spansNamed('paymux.createPayment')[0]?.attributes['paymux.rate_limit.waits']).toBe(0);
    const held = { 'paymux.account': 'main', 'paymux.provider': 'alpha', 'paymux.operation': 'getPayment' };
    expect(await recorder.points('paymux.rate_limit.waits')).toEqual([{ attributes: held, value: 1 }]);
    expect(await recorder.points('paymux.rate_limit.wait.duration')).toEqual([
      { attributes: held, value: 1 },
    ]);
    await paymux.close();
    await recorder.shutdown();
  });

  it('refuses a telemetry option that is not a provider, naming it', () => {
    const attempt = (telemetry: object) => () => fakeClient({}, telemetry);
    expect(attempt({ tracer: {} })).toThrow(ConfigurationError);
    expect(attempt({ tracer: {} })).toThrow(/telemetry/);
    expect(attempt({ tracerProvider: {} })).toThrow(
      /telemetry\.tracerProvider: must be an OpenTelemetry TracerProvider/,
    );
    expect(attempt({ meterProvider: 'x' })).toThrow(/telemetry\.meterProvider/);
  });

  it('is off without the API and without providers, and still traces into explicit providers without the API', async () => {
    const missing = () => {
      throw Object.assign(new Error("Cannot find module '@opentelemetry/api'"), { code: 'MODULE_NOT_FOUND' });
    };
    expect(loadOtelApi(missing)).toBeUndefined();
    expect(loadOtelApi(() => ({ trace: {} }))).toBeUndefined();
    expect(PaymuxTelemetry.create(undefined, identity, () => undefined)).toBeUndefined();

    const recorder = telemetryRecorder();
    const telemetry = PaymuxTelemetry.create(recorder.telemetry, identity, () => undefined);
    await telemetry!.call('getPayment', async () => ({ status: 'succeeded' }));
    expect(recorder.spansNamed('paymux.getPayment')[0]?.attributes).toMatchObject({
      'paymux.status': 'succeeded',
    });
    await recorder.shutdown();
  });

  it('runs a client, calls and webhooks included, in a process where @opentelemetry/api is not installed', async () => {
    const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
    const { stdout } = await run(
      process.execPath,
      [
        '--require',
        fixture('block-otel-api.cjs'),
        '--conditions=paymux-source',
        '--import',
        'tsx',
        fixture('without-otel-api.ts'),
      ],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), timeout: 60_000 },
    );
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      api: 'absent',
      status: 'requires_payment',
      webhook: 200,
      storage: false,
    });
  });
});
