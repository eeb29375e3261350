import { createHmac } from 'node:crypto';
import { describeProviderConformance } from '@paymux/testkit';
import { acmeStatuses, createAcme } from './acme-provider';

const API_KEY = 'ak_conformance_5f1c2d9e';
const WEBHOOK_SECRET = 'wh_conformance_9e8a41b7';

/** A payment as Acme documents it. */
const wirePayment = (status = 'new') => ({
  id: 'acp_7Hq2',
  order_id: 'order-1001',
  status,
  price: '25.50',
  currency: 'EUR',
  pay_currency: 'USDT',
  pay_amount: '27.54',
  pay_address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
  received: status === 'paid' ? '27.54' : '0',
  checkout_url: 'https://pay.acme.example/acp_7Hq2',
  created: '2026-01-15T10:00:00Z',
  updated: '2026-01-15T10:05:00Z',
});

const sign = (body: string, secret = WEBHOOK_SECRET) => ({
  'content-type': 'application/json',
  'acme-signature': createHmac('sha256', secret).update(body).digest('hex'),
});
const webhookBody = JSON.stringify({
  event_id: 'evt_3Kd9',
  occurred_at: '2026-01-15T10:05:00Z',
  payment: wirePayment('paid'),
});

describeProviderConformance({
  name: 'acme',
  baseUrl: 'https://acme.conformance.test',
  create: (context) =>
    createAcme(
      {
        apiKey: API_KEY,
        webhookSecret: WEBHOOK_SECRET,
        baseUrl: context.baseUrl,
        timeoutMs: context.timeoutMs,
        retry: context.retry,
      },
      { account: context.account, logger: context.logger },
    ),
  secrets: [API_KEY, WEBHOOK_SECRET],
  operations: {
    createPayment: {
      mock: (scope) =>
        scope
          .post('/v1/payments', {
            order_id: 'order-1001',
            price: '25.50',
            currency: 'EUR',
            pay_currency: 'USDT',
          })
          .matchHeader('x-api-key', API_KEY)
          .reply(201, wirePayment()),
      call: (provider) =>
        provider.createPayment({
          reference: 'order-1001',
          amount: { amount: '25.50', currency: 'EUR' },
          payWith: { symbol: 'USDT' },
        }),
    },
    getPayment: {
      // Amounts as JSON numbers: the adapter must still hand out decimal strings.
      mock: (scope) =>
        scope
          .get('/v1/payments/acp_7Hq2')
          .reply(200, JSON.stringify(wirePayment('seen')).replace('"27.54"', '27.54'), {
            'content-type': 'application/json',
          }),
      call: (provider) => provider.getPayment('acp_7Hq2'),
    },
  },
  errorProbe: {
    intercept: (scope) => scope.get('/v1/payments/acp_7Hq2'),
    call: (provider) => provider.getPayment('acp_7Hq2'),
    successReply: { body: wirePayment() },
  },
  errorBody: (status) => ({ code: `acme_${status}`, message: `acme failed with ${status}` }),
  paymentWithStatus: (rawStatus) => ({
    mock: (scope) => scope.get('/v1/payments/acp_7Hq2').reply(200, wirePayment(rawStatus)),
    call: (provider) => provider.getPayment('acp_7Hq2'),
  }),
  knownStatuses: acmeStatuses,
  webhooks: {
    valid: () => ({ request: { rawBody: webhookBody, headers: sign(webhookBody) } }),
    invalid: () => [
      {
        name: 'signed with another secret',
        request: { rawBody: webhookBody, headers: sign(webhookBody, 'wh_not_it') },
      },
      {
        name: 'no signature',
        request: { rawBody: webhookBody, headers: { 'content-type': 'application/json' } },
      },
      {
        name: 'body changed after signing',
        request: { rawBody: webhookBody.replace('"paid"', '"cancelled"'), headers: sign(webhookBody) },
      },
    ],
  },
});
