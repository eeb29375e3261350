import { describeProviderConformance } from '@paymux/testkit';
import {
  fixtureJson,
  fixtureText,
  signedJsonHeaders,
  signLikeDepay,
  TEST_API_KEY,
  TEST_PUBLIC_KEY_PEM,
  TEST_UUID_SECRET,
} from './__fixtures__/depay-test-setup';
import { depayPaymentStatuses } from './depay-api';
import { createDepay } from './depay-provider';

const BASE_URL = 'https://depay.conformance.test/v2';
const SEED_UUID = '74417770-e6ac-4ae8-b027-0657600d7bad';
const SHOWN_UUID = '45b55d24-60d0-45ba-9800-c61835494dc8-3';
const callbackBody = fixtureText('callback-success.json');

function shownPayment(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...fixtureJson('get-payment-response.json'), ...overrides });
}
const releasedPayment = shownPayment({ release: '2022-01-25T14:01:06.000Z' });
const shownPaymentWithNumber = shownPayment().replace('"amount":"1.00"', '"amount":0.1');

describeProviderConformance({
  name: 'depay',
  baseUrl: BASE_URL,
  create: (context) =>
    createDepay(
      {
        apiKey: TEST_API_KEY,
        uuidSecret: TEST_UUID_SECRET,
        publicKey: TEST_PUBLIC_KEY_PEM,
        baseUrl: context.baseUrl,
        timeoutMs: context.timeoutMs,
        retry: context.retry,
        wallets: [{ network: 'bsc', address: '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6' }],
      },
      { account: context.account, logger: context.logger },
    ),
  secrets: [TEST_API_KEY, TEST_UUID_SECRET],
  operations: {
    createPayment: {
      mock: (scope) =>
        scope
          .post('/payments', {
            ...fixtureJson<Record<string, unknown>>('create-payment-request.json'),
            payload: {
              somekey: 'somevalue',
              paymux: { reference: 'order-822', amount: '822.5', currency: 'XYZ', symbol: 'XYZ' },
            },
          })
          .matchHeader('x-api-key', TEST_API_KEY)
          .reply(201, fixtureText('create-payment-response.json'), { 'content-type': 'application/json' }),
      call: (provider) =>
        provider.createPayment({
          reference: 'order-822',
          amount: { amount: '822.5', currency: 'XYZ' },
          payWith: {
            symbol: 'XYZ',
            network: 'ethereum',
            contract: '0xa0bed124a09ac2bd941b10349d8d224fe3c955eb',
          },
          webhookUrl: 'https://webhook.site/4d4cd30f-d393-40f0-b909-85578a722ad7',
          returnUrl: 'https://example.com/continue/after/74417770-e6ac-4ae8-b027-0657600d7bad',
          providerOptions: {
            depay: {
              transaction: '0xd4a9424440f6010af1bec311dda4e23d4f0016f4cc215da84a41650150ecb8b7',
              sender: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
              nonce: 1,
              afterBlock: 13609144,
              confirmations: 13,
              receiver: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
              uuid: SEED_UUID,
              payload: { somekey: 'somevalue' },
            },
          },
        }),
    },
    getPayment: {
      // The amount as a JSON number: the adapter must still hand out a decimal string.
      mock: (scope) =>
        scope
          .get(`/payments/${SHOWN_UUID}`)
          .matchHeader('x-api-key', TEST_API_KEY)
          .reply(200, shownPaymentWithNumber, signedJsonHeaders(shownPaymentWithNumber)),
      call: (provider) => provider.getPayment(SHOWN_UUID),
    },
    releasePayment: {
      // Read (signed), release until 200, read again: the answer shows the release.
      mock: (scope) =>
        scope
          .get(`/payments/${SHOWN_UUID}`)
          .reply(200, shownPayment(), signedJsonHeaders(shownPayment()))
          .post('/payments/release', {
            blockchain: 'bsc',
            transaction: '0x2c8db4f5a4b0cd18f0e5e9e060060753a1928e6b39cac3e24a686bba2700863d',
            sender: '0xe5f9c386c96912210d03a66b72a908b9b3706511',
            nonce: 15,
            uuid: SHOWN_UUID,
          })
          .matchHeader('x-api-key', TEST_API_KEY)
          .reply(200, '{}', { 'content-type': 'application/json' })
          .get(`/payments/${SHOWN_UUID}`)
          .reply(200, releasedPayment, signedJsonHeaders(releasedPayment)),
      call: (provider) => provider.releasePayment(SHOWN_UUID),
    },
    getQuote: {
      mock: (scope) =>
        scope
          .get('/prices/bsc/0x55d398326f99059ff775485246999027b3197955')
          .reply(200, fixtureText('token-price-response.txt'), { 'content-type': 'application/json' }),
      call: (provider) =>
        provider.getQuote({
          amount: { amount: '25.50', currency: 'USD' },
          payWith: { symbol: 'USDT', network: 'bsc' },
        }),
    },
    getBalances: {
      mock: (scope) =>
        scope
          .get('/accounts/bsc/0x1db3439a222c519ab44bb1144fc28167b4fa6ee6/assets')
          .reply(200, fixtureText('account-assets-response.json'), { 'content-type': 'application/json' }),
      call: (provider) => provider.getBalances(),
    },
  },
  errorProbe: {
    intercept: (scope) => scope.get(`/payments/${SHOWN_UUID}`),
    call: (provider) => provider.getPayment(SHOWN_UUID),
    // A string body is sent as it is: the bytes DePay's signature covers.
    successReply: {
      body: fixtureText('get-payment-response.json'),
      headers: signedJsonHeaders(fixtureText('get-payment-response.json')),
    },
  },
  // DePay documents no error body: the common `{ error, message }` shape stands in for it.
  errorBody: (status) => ({ error: `DePay failure ${status}`, message: `request failed with ${status}` }),
  paymentWithStatus: (rawStatus) => ({
    mock: (scope) => {
      const body = shownPayment({ status: rawStatus });
      return scope.get(`/payments/${SHOWN_UUID}`).reply(200, body, signedJsonHeaders(body));
    },
    call: (provider) => provider.getPayment(SHOWN_UUID),
  }),
  knownStatuses: depayPaymentStatuses,
  webhooks: {
    valid: () => ({
      request: { rawBody: callbackBody, headers: { 'x-signature': signLikeDepay(callbackBody) } },
      knownObjects: [SEED_UUID],
    }),
    invalid: () => {
      const signature = signLikeDepay(callbackBody);
      return [
        {
          name: 'signed by another key',
          request: {
            rawBody: callbackBody,
            headers: {
              'x-signature': fixtureJson<{ vectors: { signature: string }[] }>('signature-vectors.json')
                .vectors[1]!.signature,
            },
          },
          knownObjects: [SEED_UUID],
        },
        {
          name: 'body changed after signing',
          request: {
            rawBody: callbackBody.replace('"success"', '"failed"'),
            headers: { 'x-signature': signature },
          },
          knownObjects: [SEED_UUID],
        },
        {
          name: 'genuine signature, but a tracking this merchant did not create',
          request: { rawBody: callbackBody, headers: { 'x-signature': signature } },
          knownObjects: ['another-uuid-of-another-merchant'],
        },
        {
          name: 'genuine signature, no store to confirm the tracking',
          request: { rawBody: callbackBody, headers: { 'x-signature': signature } },
        },
        {
          name: 'signature of an empty body',
          request: { rawBody: callbackBody, headers: { 'x-signature': signLikeDepay('') } },
          knownObjects: [SEED_UUID],
        },
      ];
    },
  },
});
