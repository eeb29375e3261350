import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type * as OtelApiModule from '@opentelemetry/api';
import { plugin as finrax } from '@paymux/finrax';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymux } from '../client/create-paymux';
import { telemetryRecorder } from './telemetry-recorder.test-support';

// A tracker poll through the real Finrax adapter against the sandbox, on real time, with an
// async-context manager registered as the NodeSDK would: the poll's timer is armed inside the
// application's span, and the poll must still be a trace of its own.

// The CommonJS copy of the API, the one paymux loads.
const api = createRequire(import.meta.url)('@opentelemetry/api') as typeof OtelApiModule;

/** The part of `@opentelemetry/context-async-hooks` a test needs. */
class AsyncLocalContextManager implements OtelApiModule.ContextManager {
  private readonly storage = new AsyncLocalStorage<OtelApiModule.Context>();
  active(): OtelApiModule.Context {
    return this.storage.getStore() ?? api.ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: OtelApiModule.Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(context, () => fn.apply(thisArg, args));
  }
  bind<T>(_context: OtelApiModule.Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  api.context.setGlobalContextManager(new AsyncLocalContextManager());
});
afterAll(async () => {
  api.context.disable();
  nock.cleanAll();
  await sandbox?.close();
});

const until = async (done: () => boolean) => {
  for (let i = 0; i < 400 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('telemetry of tracker polls against the Finrax sandbox', () => {
  it('gives a poll its own trace, with the HTTP status and retries of its provider call', async () => {
    const recorder = telemetryRecorder();
    const f = sandbox.providers.finrax;
    const paymux = createPaymux({
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
      tracker: { firstPollMs: 50, jitter: 0 },
    });
    try {
      const app = recorder.tracerProvider.getTracer('app');
      const payment = await app.startActiveSpan('app.checkout', async (span) => {
        const created = await paymux.createPayment({
          reference: 'otel-tracked-1',
          amount: { amount: '30.00', currency: 'EUR' },
        });
        paymux.tracker.track({ kind: 'payment', id: created.id, account: 'main' });
        span.end();
        return created;
      });
      // The poll's first request is refused once, and retried.
      nock(new URL(f.baseUrl).origin, { allowUnmocked: true })
        .get(`${new URL(f.baseUrl).pathname}/api/v1/payments/${payment.providerPaymentId}`)
        .reply(503, 'busy');
      await until(() => recorder.spansNamed('paymux.tracker.poll').length > 0);
      const [checkout] = recorder.spansNamed('app.checkout');
      const [create] = recorder.spansNamed('paymux.createPayment');
      const [poll] = recorder.spansNamed('paymux.tracker.poll');
      // The context manager works: the client operation nests under the application's span …
      expect(create!.parentSpanContext?.spanId).toBe(checkout!.spanContext().spanId);
      // … and the poll, whose timer was armed there, does not.
      expect(poll!.parentSpanContext).toBeUndefined();
      expect(poll!.spanContext().traceId).not.toBe(checkout!.spanContext().traceId);
      expect(poll!.attributes).toMatchObject({
        'paymux.account': 'main',
        'paymux.provider': 'finrax',
        'paymux.operation': 'getPayment',
        'paymux.tracker.outcome': 'answered',
        'paymux.status': 'requires_payment',
        'http.response.status_code': 200,
        'paymux.retries': 1,
      });
      // The poll's retry is the poll's: client-operation retries stay those of client operations.
      expect(await recorder.points('paymux.retries')).toEqual([]);
    } finally {
      await paymux.close();
      await recorder.shutdown();
    }
  });
});
