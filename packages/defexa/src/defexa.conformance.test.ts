import type { PaymentProvider } from '@paymux/core';
import { describeProviderConformance } from '@paymux/testkit';
import type nock from 'nock';
import { fixture, TEST_KEY } from '../test/defexa-test-support';
import { encodeDefexaBatchId, encodeDefexaPaymentId, encodeDefexaPayoutId } from './defexa-ids';
import { createDefexa } from './defexa-provider';
import { defexaPaymentStatuses } from './map-defexa-status';

const BASE_URL = 'https://defexa.conformance.test';
const ORDER = 'limited_invoice_7e5fb42d19d3fd0c00';
const FROM_ADDRESS = 'TWAL6PN73E6NAOERO5746HZQY5OGXOU';
const algo = { symbol: 'ALGO', network: 'algorand' };
const paymentId = encodeDefexaPaymentId({
  kind: 'charge',
  reference: 'conf-1',
  currency: 'ALGO',
  orderNumber: ORDER,
});

/** The seed's login answer, expiring an hour from now so that one session serves a whole test. */
function loginAnswer() {
  const expiration = new Date(Date.now() + 3_600_000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return { ...fixture('login-response.json'), expiration };
}

const login = (scope: nock.Scope) => scope.post('/api/v1/da/login').reply(200, loginAnswer());
const noHolds = { success: true, result: 0, status: 200, payments: [] };

function invoices(status: string | number, extra: Record<string, unknown> = {}) {
  const list = fixture<{ invoices: Record<string, unknown>[] }>('invoices-list-response.json');
  return { ...list, invoices: [{ ...list.invoices[0], status, order_number: ORDER, ...extra }] };
}

function holdFor(orderNumber: string) {
  const aml = fixture<{ payments: Record<string, unknown>[] }>('aml-refunds-response.json');
  return { ...aml, payments: [{ ...aml.payments[0], order_number: orderNumber }] };
}

const errorCodes: Record<number, [string, string]> = {
  400: ['incorrect_amount', 'invalid_request_error'],
  401: ['incorrect_private_key', 'authentication_error'],
  403: ['settings_are_absent', 'api_error'],
  404: ['payment_not_found', 'invalid_request_error'],
  409: ['order_number_already_exists', 'invalid_request_error'],
  429: ['action_skipped_due_to_debounce', 'processing_error'],
};

function callback(overrides: Record<string, string> = {}) {
  return JSON.stringify({
    ...fixture('callback-params.json'),
    callback_type: 'pay',
    created: '2023-03-14 12:50:05 UTC',
    processed: '2023-03-14 12:55:00 UTC',
    ps_currency: 'ALGO',
    shop_currency: 'ALGO',
    amount: '13.0',
    net_amount: '13.0',
    // An invoice paymux did not create: its shop order id is its order number (a charge paymux
    // created is confirmed against the account state, see defexa-webhook-trust.test.ts).
    shop_order_id: ORDER,
    status: 'approved',
    client_uid: '',
    order_number: ORDER,
    token: 'payment-token-1',
    signature: 'not-a-real-signature',
    ...overrides,
  });
}

describeProviderConformance({
  name: 'defexa',
  baseUrl: BASE_URL,
  create: (context) =>
    createDefexa(
      {
        merchantPrivateKey: TEST_KEY,
        baseUrl: context.baseUrl,
        timeoutMs: context.timeoutMs,
        retry: context.retry,
        callbackUrl: 'https://shop.example/hooks/defexa',
        payoutFromAddresses: { ALGO: FROM_ADDRESS },
      },
      { account: context.account, logger: context.logger },
    ) as PaymentProvider,
  secrets: [TEST_KEY],
  operations: {
    createPayment: {
      mock: (scope) => {
        scope.post('/api/v1/charge').reply(200, fixture('charge-response.json'));
      },
      call: (provider) =>
        provider.createPayment({
          reference: 'conf-1',
          amount: { amount: '10', currency: 'ALGO' },
          returnUrl: 'https://shop.example/done',
        }),
    },
    getPayment: {
      mock: (scope) => {
        login(scope);
        scope.get('/api/v1/da/invoices').query(true).reply(200, invoices(1));
        scope.get('/api/v1/da/aml_refunds').query(true).reply(200, noHolds);
      },
      call: (provider) => provider.getPayment(paymentId),
    },
    listPayments: {
      mock: (scope) => {
        login(scope);
        scope.get('/api/v1/da/invoices').query(true).reply(200, fixture('invoices-list-response.json'));
        scope.get('/api/v1/da/aml_refunds').query(true).reply(200, noHolds);
      },
      call: (provider) => provider.listPayments({ limit: 10 }),
    },
    createRefund: {
      mock: (scope) => {
        login(scope);
        scope.get('/api/v1/da/aml_refunds').query(true).reply(200, holdFor(ORDER));
        scope.post('/api/v1/da/aml_refunds').reply(200, fixture('aml-refund-create-response.json'));
      },
      call: (provider) => provider.createRefund({ paymentId, destination: { address: '1234' } }),
    },
    createPayout: {
      mock: (scope) => {
        login(scope);
        scope.post('/api/v1/da/payouts').reply(200, fixture('payout-create-response.json'));
      },
      call: (provider) =>
        provider.createPayout({
          reference: '10001',
          amount: { amount: '10', currency: 'ALGO' },
          destination: { asset: algo, address: 'U5JW3GOE5C2SKIFADXNS7WYXK4634' },
        }),
    },
    createPayoutBatch: {
      mock: (scope) => {
        login(scope);
        scope
          .post('/api/v1/da/mass_payouts')
          .reply(200, { ...fixture('mass-payout-create-response.json'), order_number: 'mass_payout_1' });
      },
      call: (provider) =>
        provider.createPayoutBatch({
          reference: 'batch-1',
          payouts: [
            {
              reference: 'line-1',
              amount: { amount: '0.0008', currency: 'ALGO' },
              destination: { asset: algo, address: 'U5JW3GOE5C2SKIFADXNS7UHA' },
            },
          ],
        }),
    },
    getPayout: {
      mock: (scope) => {
        login(scope);
        scope.get('/api/v1/da/payouts/659').query(true).reply(200, fixture('payout-feed-response.json'));
      },
      call: (provider) =>
        provider.getPayout(encodeDefexaPayoutId({ reference: 'x', currency: 'XRP', payoutId: '659' })),
    },
    getPayoutBatch: {
      mock: (scope) => {
        login(scope);
        scope
          .get('/api/v1/da/mass_payouts')
          .query(true)
          .reply(200, fixture('mass-payout-transactions-response.json'));
      },
      call: (provider) =>
        provider.getPayoutBatch(
          encodeDefexaBatchId({ reference: 'batch-1', currency: 'ALGO', orderNumber: 'm-1' }),
        ),
    },
    listPayouts: {
      mock: (scope) => {
        login(scope);
        scope.get('/api/v1/da/payouts').query(true).reply(200, fixture('payouts-list-response.json'));
      },
      call: (provider) => provider.listPayouts({ limit: 10 }),
    },
    estimatePayoutFee: {
      mock: (scope) => {
        login(scope);
        scope.post('/api/v1/da/payouts/fee').reply(200, fixture('payout-fee-response.json'));
      },
      call: (provider) =>
        provider.estimatePayoutFee({
          amount: { amount: '10', currency: 'ALGO' },
          destination: { asset: algo, address: 'U5JW3GOE5C2SKIFADXNS' },
        }),
    },
    getBalances: {
      mock: (scope) => {
        login(scope);
        scope.get('/api/v1/da/wallets').query(true).reply(200, fixture('wallets-response.json'));
      },
      call: (provider) => provider.getBalances(),
    },
  },
  errorProbe: {
    setup: (scope) => {
      login(scope);
    },
    intercept: (scope) => scope.get('/api/v1/da/invoices').query(true),
    call: (provider) => provider.getPayment(paymentId),
  },
  errorBody: (status) => {
    const [code, kind] = errorCodes[status] ?? ['internal_server_error', 'api_error'];
    return { success: false, result: 1, status, errors: [{ code, kind }] };
  },
  paymentWithStatus: (rawStatus) => ({
    mock: (scope) => {
      login(scope);
      const wireStatus =
        rawStatus === 'aml_pending' ? 0 : /^\d+$/.test(rawStatus) ? Number(rawStatus) : rawStatus;
      scope.get('/api/v1/da/invoices').query(true).reply(200, invoices(wireStatus));
      // A declined payment cannot be held: the adapter does not read the AML list for it.
      if (rawStatus !== 'declined') {
        scope
          .get('/api/v1/da/aml_refunds')
          .query(true)
          .reply(200, rawStatus === 'aml_pending' ? holdFor(ORDER) : noHolds);
      }
    },
    call: (provider) => provider.getPayment(paymentId),
  }),
  knownStatuses: Object.keys(defexaPaymentStatuses),
  webhooks: {
    valid: () => ({
      request: { rawBody: callback(), headers: { 'content-type': 'application/json' } },
      mock: (scope) => {
        scope.get('/api/v1/payments/payment-token-1').reply(200, {
          success: true,
          payment: {
            token: 'payment-token-1',
            order_number: ORDER,
            status: 'approved',
            amount: 13.0,
            currency: 'ALGO',
          },
        });
        login(scope);
        scope.get('/api/v1/da/invoices').query(true).reply(200, invoices(1));
        scope.get('/api/v1/da/aml_refunds').query(true).reply(200, noHolds);
      },
    }),
    invalid: () => [
      { name: 'a body that is not JSON', request: { rawBody: 'status=approved', headers: {} } },
      {
        name: 'an unknown callback_type',
        request: { rawBody: callback({ callback_type: 'gift' }), headers: {} },
      },
      {
        name: 'an order number Defexa does not know (forged)',
        request: {
          rawBody: callback({ order_number: 'forged-order', shop_order_id: 'forged-order' }),
          headers: {},
        },
        mock: (scope) => {
          scope.get('/api/v1/payments/payment-token-1').reply(200, {
            success: true,
            payment: {
              token: 'payment-token-1',
              order_number: ORDER,
              status: 'approved',
              amount: 13.0,
              currency: 'ALGO',
            },
          });
          login(scope);
          scope.get('/api/v1/da/invoices').query(true).reply(200, { success: true, invoices: [] });
        },
      },
      {
        name: 'a currency that disagrees with the invoice (tampered)',
        request: { rawBody: callback({ ps_currency: 'BTC', shop_currency: 'BTC' }), headers: {} },
        mock: (scope) => {
          scope.get('/api/v1/payments/payment-token-1').reply(200, {
            success: true,
            payment: {
              token: 'payment-token-1',
              order_number: ORDER,
              status: 'approved',
              amount: 13.0,
              currency: 'ALGO',
            },
          });
          login(scope);
          scope.get('/api/v1/da/invoices').query(true).reply(200, invoices(1));
        },
      },
    ],
  },
});
