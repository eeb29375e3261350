import type { ConformanceOptions } from '../../conformance-types';
import { wirePayment, wirePayout } from './mock-wire';
import { mockStatuses } from '../mock-api';
import { createMockProvider } from '../mock-provider';
import { signMockWebhook } from '../../webhook-signers';

export const MOCK_API_KEY = 'mock_live_key_8f2c1d9e7a';
export const MOCK_WEBHOOK_SECRET = 'mock_whsec_41b7e0c3d2';

const errorCodes: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'duplicate_reference',
  429: 'rate_limited',
};

const webhookBody = {
  id: 'evt_3Kd9',
  type: 'payment.updated',
  created_at: '2026-01-15T10:05:00.000Z',
  data: wirePayment({ status: 'paid', received_amount: '27.41935483', txid: '0xabc' }),
};

/** The mock provider's conformance options: a complete example of every option. */
export const mockConformanceOptions: ConformanceOptions = {
  name: 'mock',
  baseUrl: 'https://mock.conformance.test',
  create: (context) =>
    createMockProvider(
      {
        apiKey: MOCK_API_KEY,
        webhookSecret: MOCK_WEBHOOK_SECRET,
        baseUrl: context.baseUrl,
        timeoutMs: context.timeoutMs,
        retry: context.retry,
      },
      { account: context.account, logger: context.logger },
    ),
  secrets: [MOCK_API_KEY, MOCK_WEBHOOK_SECRET],
  operations: {
    createPayment: {
      mock: (scope) =>
        scope
          .post('/payments', { reference: 'order-1001', amount: '25.50', currency: 'EUR', mode: 'hosted' })
          .matchHeader('authorization', `Bearer ${MOCK_API_KEY}`)
          .matchHeader('idempotency-key', 'payment:order-1001')
          .reply(201, wirePayment()),
      call: (provider) =>
        provider.createPayment({ reference: 'order-1001', amount: { amount: '25.50', currency: 'EUR' } }),
    },
    getPayment: {
      mock: (scope) => scope.get('/payments/pay_7Hq2').reply(200, wirePayment({ status: 'confirming' })),
      call: (provider) => provider.getPayment('pay_7Hq2'),
    },
    createPayout: {
      mock: (scope) =>
        scope
          .post('/payouts', {
            reference: 'withdrawal-77',
            amount: '150.25',
            currency: 'USDT',
            network: 'tron',
            address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
          })
          .reply(201, wirePayout()),
      call: (provider) =>
        provider.createPayout({
          reference: 'withdrawal-77',
          amount: { amount: '150.25', currency: 'USDT' },
          destination: {
            asset: { symbol: 'USDT', network: 'tron' },
            address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
          },
        }),
    },
    getPayout: {
      // Amounts as JSON numbers: the adapter must still hand out decimal strings.
      mock: (scope) =>
        scope.get('/payouts/po_91Xa').reply(
          200,
          JSON.stringify(wirePayout({ status: 'sent', txid: '0xdef' }))
            .replace('"150.25"', '150.25')
            .replace('"fee":"1"', '"fee":1'),
          { 'content-type': 'application/json' },
        ),
      call: (provider) => provider.getPayout('po_91Xa'),
    },
  },
  errorProbe: {
    intercept: (scope) => scope.get('/payments/pay_7Hq2'),
    call: (provider) => provider.getPayment('pay_7Hq2'),
    successReply: { body: wirePayment() },
  },
  errorBody: (status) => ({
    error: { code: errorCodes[status] ?? 'internal_error', message: `mock failure ${status}` },
  }),
  paymentWithStatus: (rawStatus) => ({
    mock: (scope) => scope.get('/payments/pay_7Hq2').reply(200, wirePayment({ status: rawStatus })),
    call: (provider) => provider.getPayment('pay_7Hq2'),
  }),
  knownStatuses: mockStatuses,
  webhooks: {
    valid: () => {
      const { body, headers } = signMockWebhook(webhookBody, MOCK_WEBHOOK_SECRET);
      return { request: { rawBody: body, headers } };
    },
    invalid: () => {
      const { body, headers } = signMockWebhook(webhookBody, MOCK_WEBHOOK_SECRET);
      const forged = signMockWebhook(webhookBody, 'not_the_secret');
      return [
        { name: 'signed with another secret', request: { rawBody: forged.body, headers: forged.headers } },
        {
          name: 'no signature header',
          request: { rawBody: body, headers: { 'content-type': 'application/json' } },
        },
        {
          name: 'body changed after signing',
          request: { rawBody: body.replace('"paid"', '"cancelled"'), headers },
        },
        {
          name: 'signature of an empty body',
          request: { rawBody: body, headers: signMockWebhook('', MOCK_WEBHOOK_SECRET).headers },
        },
      ];
    },
  },
};
