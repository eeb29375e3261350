import { describeProviderConformance } from '@paymux/testkit';
import {
  FAKE_SECRET,
  FAKE_USER,
  fixtureJson,
  fixtureText,
  seedRequest,
  seedResponse,
} from './__fixtures__/forumpay-fixtures';
import { encodeForumpayPaymentId } from './forumpay-payment-id';
import { createForumpay } from './forumpay-provider';
import { encodeForumpayRefundId } from './forumpay-refund-mapper';
import { forumpayPaymentStates } from './map-forumpay-status';

const BASE_URL = 'https://forumpay.conformance.test';
const BASIC_TOKEN = Buffer.from(`${FAKE_USER}:${FAKE_SECRET}`).toString('base64');
const paymentId = encodeForumpayPaymentId({
  paymentId: '123e4567-e89b-12d3-a456-426614174000',
  currency: 'BTC',
  address: '38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69',
});
const checkQuery = seedRequest('check-payment').query;
const underpaid = { ...seedResponse('check-payment'), payment: '0.00500000', state: 'underpayment' };

const errorMessages: Record<number, string> = {
  400: 'Invalid parameters',
  401: 'Invalid API key or authentication failed',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too many requests',
};

describeProviderConformance({
  name: 'forumpay',
  baseUrl: BASE_URL,
  create: (context) =>
    createForumpay(
      {
        user: FAKE_USER,
        secret: FAKE_SECRET,
        posId: 'POS1',
        baseUrl: context.baseUrl,
        timeoutMs: context.timeoutMs,
        retry: context.retry,
      },
      { account: context.account, logger: context.logger },
    ),
  secrets: [FAKE_SECRET, BASIC_TOKEN],
  operations: {
    createPayment: {
      mock: (scope) => {
        scope
          .get('/GetRate/')
          .query(seedRequest('get-rate').query)
          .matchHeader('authorization', `Basic ${BASIC_TOKEN}`)
          .reply(200, seedResponse('get-rate'));
        scope
          .post(
            '/StartPayment/',
            'pos_id=POS1&invoice_currency=EUR&invoice_amount=48.25&currency=BTC&accept_zero_confirmations=true' +
              '&payment_id=123e4567-e89b-12d3-a456-426614174000&reference_no=12-23-456',
          )
          .matchHeader('authorization', `Basic ${BASIC_TOKEN}`)
          .reply(200, seedResponse('start-payment'));
      },
      call: (provider) =>
        provider.createPayment({
          reference: '12-23-456',
          amount: { amount: '48.25', currency: 'EUR' },
          payWith: { symbol: 'BTC' },
          providerOptions: { forumpay: { acceptZeroConfirmations: true } },
        }),
    },
    getPayment: {
      mock: (scope) =>
        scope.get('/CheckPayment/').query(checkQuery).reply(200, seedResponse('check-payment')),
      call: (provider) => provider.getPayment(paymentId),
    },
    listPayments: {
      mock: (scope) =>
        scope
          .get('/GetTransactions/')
          .query({ pos_id: 'POS1', offset: '0', limit: '20' })
          .reply(200, fixtureJson('reference/getTransactionsResponse.json')),
      call: (provider) => provider.listPayments({}),
    },
    cancelPayment: {
      mock: (scope) => {
        scope
          .get('/CancelPayment/')
          .query(seedRequest('cancel-payment').query)
          .reply(200, seedResponse('cancel-payment'));
        scope
          .get('/CheckPayment/')
          .query(checkQuery)
          .reply(200, fixtureJson('reference/checkPaymentResponse.json'));
      },
      call: (provider) => provider.cancelPayment({ paymentId, reason: 'test' }),
    },
    acceptUnderpayment: {
      mock: (scope) => {
        scope.get('/CheckPayment/').query(checkQuery).reply(200, underpaid);
        scope
          .get('/AcceptPayment/')
          .query({ ...checkQuery, accepted_amount: '0.00500000', accepted_invoice_amount: '36.10' })
          .reply(200, seedResponse('accept-payment'));
        scope
          .get('/CheckPayment/')
          .query(checkQuery)
          .reply(200, { ...underpaid, state: 'confirmed' });
      },
      call: (provider) => provider.acceptUnderpayment({ paymentId }),
    },
    getQuote: {
      mock: (scope) =>
        scope.get('/GetRate/').query(true).reply(200, fixtureJson('reference/getRateResponse.json')),
      call: (provider) =>
        provider.getQuote({
          amount: { amount: '222.00', currency: 'EUR' },
          payWith: { symbol: 'BTC', network: 'bitcoin' },
        }),
    },
    listCurrencies: {
      mock: (scope) =>
        scope
          .get('/GetCurrencyList/')
          .query({ pos_id: 'POS1' })
          .reply(200, fixtureJson('reference/getCurrencyListResponse.json')),
      call: (provider) => provider.listCurrencies(),
    },
    createRefund: {
      mock: (scope) => {
        scope
          .get('/CheckPayment/')
          .query(checkQuery)
          .reply(200, {
            ...seedResponse('check-payment'),
            state: 'confirmed',
            refund_amount_opened: '0.01000000',
          });
        scope
          .get('/RefundPayment/')
          .query({
            pos_id: 'POS1',
            payment_id: '123e4567-e89b-12d3-a456-426614174000',
            currency: 'BTC',
            address_out: 'bc1qrefundaddressexample',
            refund_amount: '0.01000000',
          })
          .reply(200, seedResponse('refund-payment'));
      },
      call: (provider) =>
        provider.createRefund({ paymentId, destination: { address: 'bc1qrefundaddressexample' } }),
    },
    getRefund: {
      mock: (scope) =>
        scope
          .get('/CheckPayment/')
          .query(checkQuery)
          .reply(200, {
            ...seedResponse('check-payment'),
            state: 'confirmed',
            refund: '0.01000000',
            refund_status: 'Pending',
            refund_amount_opened: '0',
          }),
      call: (provider) =>
        provider.getRefund(
          encodeForumpayRefundId({
            paymentId: '123e4567-e89b-12d3-a456-426614174000',
            currency: 'BTC',
            address: '38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69',
            addressOut: 'bc1qrefundaddressexample',
            amount: '0.01',
          }),
        ),
    },
  },
  errorProbe: {
    intercept: (scope) => scope.get('/CheckPayment/').query(checkQuery),
    call: (provider) => provider.getPayment(paymentId),
    successReply: { body: seedResponse('check-payment') },
  },
  errorBody: (status) => ({ err: errorMessages[status] ?? 'Internal Server Error' }),
  paymentWithStatus: (rawStatus) => ({
    mock: (scope) =>
      scope
        .get('/CheckPayment/')
        .query(checkQuery)
        .reply(200, { ...seedResponse('check-payment'), state: rawStatus }),
    call: (provider) => provider.getPayment(paymentId),
  }),
  knownStatuses: forumpayPaymentStates,
  webhooks: {
    // The seed's notification names no address: the adapter finds it among recent transactions,
    // then confirms the payment with CheckPayment.
    valid: () => ({
      request: {
        rawBody: fixtureText('seed/webhook-payload.json'),
        headers: { 'content-type': 'application/json' },
      },
      mock: (scope) => {
        scope
          .get('/GetTransactions/')
          .query({ pos_id: 'POS1', offset: '0', limit: '100' })
          .reply(200, seedResponse('get-transactions'));
        scope
          .get('/CheckPayment/')
          .query(checkQuery)
          .reply(200, {
            ...seedResponse('check-payment'),
            state: 'confirmed',
            payment: '0.00668125',
            confirmed: true,
          });
      },
    }),
    invalid: () => [
      {
        name: 'a payment id ForumPay does not know',
        request: {
          rawBody: JSON.stringify({
            event: 'payment.confirmed',
            payment_id: 'forged-1',
            currency: 'BTC',
            address: 'x',
          }),
          headers: {},
        },
        mock: (scope) => scope.get('/CheckPayment/').query(true).reply(200, { err: 'Payment not found' }),
      },
      {
        name: 'a payment id absent from the account transactions',
        request: {
          rawBody: JSON.stringify({ event: 'payment.confirmed', payment_id: 'forged-2' }),
          headers: {},
        },
        mock: (scope) => scope.get('/GetTransactions/').query(true).reply(200, { invoices: [] }),
      },
      { name: 'a body that is not a notification', request: { rawBody: '<html></html>', headers: {} } },
      {
        name: 'a notification without payment_id',
        request: { rawBody: '{"event":"payment.confirmed"}', headers: {} },
      },
    ],
  },
});
