import { AmbiguousOutcomeError, ProviderUnavailableError, RateLimitError } from '@paymux/core';
import {
  describeReadFaults,
  expectPaymuxFailure,
  FAULT_RETRY,
  FAULT_TIMEOUT_MS,
  type FaultAction,
  faults,
  useFaultServer,
} from '@paymux/testkit';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { FAKE_BASIC, FAKE_SECRET, SEED_ORIGIN, seedResponse } from './__fixtures__/forumpay-fixtures';
import { acceptLookup, seedPaymentId, seedProvider } from './__fixtures__/forumpay-test-provider';
import { encodeForumpayPaymentId } from './forumpay-payment-id';

const CHECK = '/v2/CheckPayment/';
const RATE = '/v2/GetRate/';
const START = '/v2/StartPayment/';
const ACCEPT = '/v2/AcceptPayment/';
const REFUND = '/v2/RefundPayment/';
const secrets = [FAKE_SECRET];

const server = useFaultServer();

const provider = (startPaymentMethod: 'GET' | 'POST' = 'POST') =>
  seedProvider({
    baseUrl: `${server.url}/v2/`,
    timeoutMs: FAULT_TIMEOUT_MS,
    retry: FAULT_RETRY,
    startPaymentMethod,
  });
const getPayment = () => provider().getPayment(seedPaymentId);
const okCheck = faults.json(200, seedResponse('check-payment'));
const createInput = {
  reference: '12-23-456',
  amount: { amount: '48.25', currency: 'EUR' },
  payWith: { symbol: 'BTC' },
};
const acceptId = encodeForumpayPaymentId(acceptLookup);

// `status` is ForumPay's documented fallback for `state`: drift renames both.
const { state: _state, status: _status, ...checkWithoutState } = seedResponse('check-payment');

describeReadFaults({
  name: 'forumpay',
  operation: 'CheckPayment',
  server,
  route: CHECK,
  read: getPayment,
  answer: okCheck,
  expectAnswered: (payment) => expect(payment.rawStatus).toBe('waiting'),
  partialAnswer: '{"reference_no":"12',
  secrets,
  // The request carries Basic credentials too, and the echoed page shows every header.
  echoedSecrets: [...secrets, FAKE_BASIC.slice('Basic '.length)],
  nockReset: {
    intercept: () => nock(SEED_ORIGIN).get(CHECK).query(true),
    read: () => seedProvider({ retry: FAULT_RETRY, timeoutMs: FAULT_TIMEOUT_MS }).getPayment(seedPaymentId),
  },
  transientServerErrors: [faults.html(502), faults.status(500)],
  retryAfter: { seconds: 60, dateAheadMs: 3_600_000, dateAtLeastSeconds: 3_500 },
  htmlPageTitle: 'Maintenance',
  driftedAnswers: [
    { ...checkWithoutState, payment_state: 'waiting' },
    { ...seedResponse<Record<string, unknown>>('check-payment'), payment: { btc: 1 } },
  ],
});

/** Faults after which a write may have been carried out. */
const unclearFaults: [string, FaultAction][] = [
  ['a stall (timeout)', faults.stall()],
  ['a body that stalls after the headers', faults.stallAfterHeaders(200)],
  ['a reset before the body', faults.resetBeforeBody()],
  ['a reset after the body', faults.resetAfterBody()],
  ['a 502 HTML page', faults.html(502)],
  ['a 500', faults.status(500)],
];

describe('forumpay writes under faults (never sent twice)', () => {
  it.each(
    unclearFaults.flatMap(([name, fault]) =>
      (['POST', 'GET'] as const).map(
        (method) => [`${name}, StartPayment as ${method}`, method, fault] as const,
      ),
    ),
  )('createPayment raises AmbiguousOutcomeError after %s', async (_name, method, fault) => {
    server.route('GET', RATE, faults.json(200, seedResponse('get-rate'))).route(method, START, fault);
    const { error } = await expectPaymuxFailure(() => provider(method).createPayment(createInput), {
      type: AmbiguousOutcomeError,
      secrets,
    });
    expect(error.reference).toBe('12-23-456');
    expect(server.count(method, START)).toBe(1);
  });

  it('createPayment retries its GetRate read but not StartPayment', async () => {
    server
      .route('GET', RATE, faults.resetAfterBody(), faults.json(200, seedResponse('get-rate')))
      .route('POST', START, faults.status(502));
    await expectPaymuxFailure(() => provider().createPayment(createInput), { type: AmbiguousOutcomeError });
    expect(server.count('GET', RATE)).toBe(2);
    expect(server.count('POST', START)).toBe(1);
  });

  it.each(unclearFaults)('acceptUnderpayment raises AmbiguousOutcomeError after %s', async (_name, fault) => {
    const underpaid = { ...seedResponse('check-payment'), payment: '0.00100000', state: 'underpayment' };
    server.route('GET', CHECK, faults.json(200, underpaid)).route('GET', ACCEPT, fault);
    await expectPaymuxFailure(() => provider().acceptUnderpayment({ paymentId: acceptId }), {
      type: AmbiguousOutcomeError,
      secrets,
    });
    expect(server.count('GET', ACCEPT)).toBe(1);
  });

  it.each(unclearFaults)('createRefund raises AmbiguousOutcomeError after %s', async (_name, fault) => {
    const refundable = { ...seedResponse('check-payment'), state: 'confirmed', refund_amount_opened: '0.01' };
    server.route('GET', CHECK, faults.json(200, refundable)).route('GET', REFUND, fault);
    const { error } = await expectPaymuxFailure(
      () =>
        provider().createRefund({
          paymentId: acceptId,
          reference: 'refund-1',
          destination: { address: '38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69' },
        }),
      { type: AmbiguousOutcomeError, secrets },
    );
    expect(error.reference).toBe('refund-1');
    expect(server.count('GET', REFUND)).toBe(1);
  });

  it('does not repeat a write refused with 429 or 503 either (typed, not ambiguous)', async () => {
    server
      .route('GET', RATE, faults.json(200, seedResponse('get-rate')))
      .route('GET', START, faults.rateLimited(0));
    await expectPaymuxFailure(() => provider('GET').createPayment(createInput), {
      type: RateLimitError,
      secrets,
    });
    server.route('GET', START, faults.html(503, 'Service Unavailable'));
    await expectPaymuxFailure(() => provider('GET').createPayment(createInput), {
      type: ProviderUnavailableError,
      secrets,
    });
    expect(server.count('GET', START)).toBe(2);
  });

  it('reports a StartPayment answer with a drifted shape as an ambiguous outcome (it may exist), sent once', async () => {
    const { payment_id: _id, ...rest } = seedResponse('start-payment');
    server
      .route('GET', RATE, faults.json(200, seedResponse('get-rate')))
      .route('POST', START, faults.json(200, { ...rest, paymentId: 'renamed' }));
    await expectPaymuxFailure(() => provider().createPayment(createInput), {
      type: AmbiguousOutcomeError,
      secrets,
    });
    expect(server.count('POST', START)).toBe(1);
  });
});
