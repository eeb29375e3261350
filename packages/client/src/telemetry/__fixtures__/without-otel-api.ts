// Run in a child process without @opentelemetry/api: a client makes a call and takes a webhook,
// then prints what it saw as one JSON line.
import { createFakePlugin, FakeBackend, signFake } from '../../../test/fake-provider';
import { createPaymux } from '../../client/create-paymux';
import { loadOtelApi } from '../otel-api';

const paymux = createPaymux({
  store: 'memory:',
  plugins: [createFakePlugin('alpha', new FakeBackend())],
  providers: { main: { type: 'alpha', apiKey: 'fake-key-no-otel', webhookSecret: 'whsec-no-otel' } },
});
const payment = await paymux.createPayment({ reference: 'no-otel-1', amount: { amount: '5', currency: 'EUR' } });
const read = await paymux.getPayment(payment.id);
const rawBody = JSON.stringify({ id: 'evt-1', paymentId: payment.id, status: 'succeeded', occurredAt: '2026-01-01T00:00:00.000Z' });
const webhook = await paymux.webhooks.handle('main', { rawBody, headers: { 'x-fake-signature': signFake('whsec-no-otel', rawBody) } });
await paymux.close();
console.log(
  JSON.stringify({
    api: loadOtelApi() === undefined ? 'absent' : 'present',
    status: read.status,
    webhook: webhook.status,
    storage: Symbol.for('paymux.telemetry.providerCallStorage') in globalThis,
  }),
);
