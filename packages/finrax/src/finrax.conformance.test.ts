import { describeProviderConformance } from '@paymux/testkit';
import {
  CALLBACK_PUBLIC_KEY,
  FOREIGN_PRIVATE_KEY,
  fixtureText,
  paymentObject,
  signCallback,
  signedCallback,
  TEST_API_KEY,
  TEST_API_SECRET,
  TEST_BUSINESS_ID,
  TEST_NOW,
} from './__fixtures__/finrax-test-support';
import { finraxPaymentStatuses } from './finrax-api';
import { finraxPayoutId, finraxRefundId } from './finrax-ids';
import { createFinrax } from './finrax-provider';

const BASE_URL = 'https://finrax.conformance.test';
const PAYMENT_ID = '2fcd3399-49d4-45e0-b995-7c489f43fe08';
const DEPOSIT_ID = '38d5decb-48aa-3d61-80f2-a0e57907845d';
const json = { 'content-type': 'application/json' };
const withdrawalList = fixtureText('finrax-withdrawal-list.json');
const depositCallback = fixtureText('finrax-deposit-callback.json');
const depositPaymentId = '9a601c2b-6cbc-48f9-8831-9ea57ab375f9';
const depositedPayment = paymentObject({
  paymentId: depositPaymentId,
  status: 'DEPOSITED',
  actualDepositAmount: '54.759355',
});

const refundedPayment = paymentObject({
  status: 'OVERPAID',
  actualDepositAmount: '60',
  deposits: [
    {
      id: DEPOSIT_ID,
      depositAmount: 60,
      depositCurrency: 'USDT',
      depositReceivedAt: 1702910000,
      fromAddress: '0x1111111111111111111111111111111111111111',
      refund: { type: 'PARTIAL', status: 'PENDING', reason: 'OVERPAYMENT', amount: 5.240645 },
    },
  ],
});

describeProviderConformance({
  name: 'finrax',
  baseUrl: BASE_URL,
  create: (context) =>
    createFinrax(
      {
        apiKey: TEST_API_KEY,
        apiSecret: TEST_API_SECRET,
        businessId: TEST_BUSINESS_ID,
        baseUrl: context.baseUrl,
        timeoutMs: context.timeoutMs,
        retry: context.retry,
        callbackPublicKey: CALLBACK_PUBLIC_KEY,
      },
      { account: context.account, logger: context.logger },
    ),
  secrets: [TEST_API_KEY, TEST_API_SECRET],
  operations: {
    createPayment: {
      mock: (scope) =>
        scope
          .post('/api/v1/payments')
          .reply(201, {
            paymentInfo: paymentObject({ status: 'NEW', walletAddress: null }),
            paymentUrl: 'https://pay.example/p',
          })
          .patch(`/api/v1/payments/${PAYMENT_ID}`)
          .reply(200, fixtureText('finrax-submit-payment-response.json'), json),
      call: (provider) =>
        provider.createPayment({
          reference: 'conformance-order-1',
          amount: { amount: '50', currency: 'EUR' },
          flow: 'deposit_address',
          payWith: { symbol: 'USDT', network: 'ethereum' },
        }),
    },
    getPayment: {
      mock: (scope) => scope.get(`/api/v1/payments/${PAYMENT_ID}`).reply(200, paymentObject()),
      call: (provider) => provider.getPayment(PAYMENT_ID),
    },
    listPayments: {
      mock: (scope) =>
        scope
          .get(`/api/v1/businesses/${TEST_BUSINESS_ID}/payments`)
          .query({ clientPaymentId: 'test-payment-23-12-18-1' })
          .reply(200, { payments: [paymentObject()] }),
      call: (provider) => provider.listPayments({ reference: 'test-payment-23-12-18-1' }),
    },
    getQuote: {
      mock: (scope) =>
        scope
          .get('/api/v1/exchange/rates/deposit')
          .query({ fromCurrency: 'USDT', toCurrency: 'EUR' })
          .reply(200, [{ fromCurrency: 'USDT', toCurrency: 'EUR', rate: 0.91 }]),
      call: (provider) =>
        provider.getQuote({
          amount: { amount: '10.00', currency: 'EUR' },
          payWith: { symbol: 'USDT', network: 'tron' },
        }),
    },
    getRefund: {
      mock: (scope) => scope.get(`/api/v1/payments/${PAYMENT_ID}`).reply(200, refundedPayment),
      call: (provider) => provider.getRefund(finraxRefundId(PAYMENT_ID, DEPOSIT_ID)),
    },
    createPayout: {
      mock: (scope) =>
        scope
          .post('/api/v1/withdrawals')
          .reply(201, fixtureText('finrax-create-withdrawal-response.json'), json),
      call: (provider) =>
        provider.createPayout({
          reference: 'conformance-payout-1',
          amount: { amount: '200', currency: 'TRY' },
          destination: {
            asset: { symbol: 'XRP', network: 'xrp' },
            address: 'rLsVuk4hgmGUtjQKj1ybpg1etnFodZ4CJ',
            memo: '140',
          },
        }),
    },
    getPayout: {
      mock: (scope) =>
        scope
          .get('/api/v1/withdrawals')
          .query({ businessId: TEST_BUSINESS_ID, 'clientWithdrawId[]': 'test-withdrawal-23-12-19-2' })
          .reply(200, withdrawalList, json),
      call: (provider) =>
        provider.getPayout(
          finraxPayoutId('test-withdrawal-23-12-19-2', '5724d752-6084-3822-9590-a6ccdf91f603'),
        ),
    },
    listPayouts: {
      mock: (scope) =>
        scope
          .get('/api/v1/withdrawals')
          .query({ businessId: TEST_BUSINESS_ID })
          .reply(200, withdrawalList, json),
      call: (provider) => provider.listPayouts({ limit: 10 }),
    },
    estimatePayoutFee: {
      mock: (scope) =>
        scope
          .get('/api/v1/withdrawals/metadata')
          .reply(200, fixtureText('finrax-withdrawal-metadata.json'), json),
      call: (provider) =>
        provider.estimatePayoutFee({
          amount: { amount: '0.5', currency: 'ETH' },
          destination: { asset: { symbol: 'ETH', network: 'ethereum' } },
        }),
    },
    validateAddress: {
      mock: (scope) =>
        scope
          .get('/v1/currency/USDT/network/TRX/address/TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf/valid')
          .reply(200, { valid: true, supported: true }),
      call: (provider) =>
        provider.validateAddress({
          asset: { symbol: 'USDT', network: 'tron' },
          address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
        }),
    },
  },
  errorProbe: {
    intercept: (scope) => scope.get(`/api/v1/payments/${PAYMENT_ID}`),
    call: (provider) => provider.getPayment(PAYMENT_ID),
    successReply: { body: paymentObject() },
  },
  errorBody: (status) => ({ requestId: `req-${status}`, message: `Finrax refused the request (${status})` }),
  paymentWithStatus: (rawStatus) => ({
    mock: (scope) =>
      scope.get(`/api/v1/payments/${PAYMENT_ID}`).reply(200, paymentObject({ status: rawStatus })),
    call: (provider) => provider.getPayment(PAYMENT_ID),
  }),
  knownStatuses: finraxPaymentStatuses,
  webhooks: {
    valid: () => ({
      request: signedCallback(depositCallback),
      now: TEST_NOW,
      mock: (scope) => scope.get(`/api/v1/payments/${depositPaymentId}`).reply(200, depositedPayment),
    }),
    invalid: () => {
      const timestamp = String(TEST_NOW.getTime());
      return [
        {
          name: 'a tampered amount',
          request: {
            ...signedCallback(depositCallback),
            rawBody: depositCallback.replace('0.12547023', '1.12547023'),
          },
          now: TEST_NOW,
        },
        {
          name: 'signed by another key',
          request: {
            rawBody: depositCallback,
            headers: { signature: signCallback(depositCallback, timestamp, FOREIGN_PRIVATE_KEY), timestamp },
          },
          now: TEST_NOW,
        },
        // Once "a replay an hour later": a genuine Finrax retry may keep its first Timestamp for
        // 24 hours, so only a delivery older than that window is refused for its age.
        {
          name: 'a replay after Finrax stopped retrying (25 hours later)',
          request: signedCallback(depositCallback),
          now: new Date(TEST_NOW.getTime() + 25 * 3_600_000),
        },
        {
          name: 'an unsigned body with a made-up signature',
          request: { rawBody: depositCallback, headers: { signature: 'c2lnbmF0dXJl', timestamp } },
          now: TEST_NOW,
        },
      ];
    },
  },
});
