import {
  AmbiguousOutcomeError,
  ProviderResponseError,
  ProviderUnavailableError,
  TimeoutError,
} from '@paymux/core';
import {
  describeReadFaults,
  expectPaymuxFailure,
  FAULT_RETRY,
  FAULT_TIMEOUT_MS,
  faults,
  useFaultServer,
} from '@paymux/testkit';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  fixtureText,
  paymentObject,
  TEST_API_KEY,
  TEST_API_SECRET,
  TEST_BASE_URL,
  TEST_BUSINESS_ID,
  testProvider,
} from './__fixtures__/finrax-test-support';

const PAYMENT_ID = '2fcd3399-49d4-45e0-b995-7c489f43fe08';
const PAYMENT_PATH = `/api/v1/payments/${PAYMENT_ID}`;
const CREATE_PATH = '/api/v1/payments';
const LIST_PATH = `/api/v1/businesses/${TEST_BUSINESS_ID}/payments`;
const WITHDRAW_PATH = '/api/v1/withdrawals';
const secrets = [TEST_API_KEY, TEST_API_SECRET];

const server = useFaultServer();

const provider = () => testProvider({ baseUrl: server.url, timeoutMs: FAULT_TIMEOUT_MS, retry: FAULT_RETRY });
const getPayment = () => provider().getPayment(PAYMENT_ID);
const okPayment = faults.json(200, paymentObject({ status: 'DEPOSITED', actualDepositAmount: '54.759355' }));
const createInput = { reference: 'order-f1', amount: { amount: '50', currency: 'EUR' } };
const created = faults.json(201, {
  paymentInfo: paymentObject({ clientPaymentId: 'order-f1', status: 'NEW' }),
  paymentUrl: `https://pay.finrax.unit.test/deposit/${PAYMENT_ID}`,
});
const listWith = (...payments: Record<string, unknown>[]) => faults.json(200, { payments });
const posts = () => server.count('POST', CREATE_PATH);

/** The payment as a drifted API would send it: `status` renamed to `paymentStatus`. */
const { status: _status, ...withoutStatus } = paymentObject();

describeReadFaults({
  name: 'finrax',
  operation: 'getPayment',
  server,
  route: PAYMENT_PATH,
  read: getPayment,
  answer: okPayment,
  expectAnswered: (payment) => expect(payment.status).toBe('succeeded'),
  partialAnswer: '{"paymentId":"',
  secrets,
  nockReset: {
    intercept: () => nock(TEST_BASE_URL).get(PAYMENT_PATH),
    read: () => testProvider({ retry: FAULT_RETRY, timeoutMs: FAULT_TIMEOUT_MS }).getPayment(PAYMENT_ID),
  },
  transientServerErrors: [faults.status(502), faults.html(503, 'Service Unavailable')],
  persistentServerError: faults.json(500, { requestId: 'r-500', message: 'boom' }),
  retryAfter: { seconds: 120, dateAheadMs: 3_600_000, dateAtLeastSeconds: 3_500 },
  htmlPageTitle: 'Maintenance',
  driftedAnswers: [
    { ...withoutStatus, paymentStatus: 'DEPOSITED' },
    paymentObject({ actualDepositAmount: { value: 1 } }),
    [paymentObject()],
  ],
});

// What finrax asserts beyond the shared matrix above.
describe('finrax reads under faults: error details (getPayment)', () => {
  it('raises a retryable TimeoutError for a stalled request (no headers)', async () => {
    server.route('GET', PAYMENT_PATH, faults.stall());
    const { error } = await expectPaymuxFailure(getPayment, { type: TimeoutError, secrets });
    expect(error.retryable).toBe(true);
  });

  it('keeps the HTTP status of a persistent JSON 500', async () => {
    server.route('GET', PAYMENT_PATH, faults.json(500, { requestId: 'r-500', message: 'boom' }));
    const { error } = await expectPaymuxFailure(getPayment, { type: ProviderUnavailableError, secrets });
    expect(error.httpStatus).toBe(500);
  });

  it('retries at once after a Retry-After date already past', async () => {
    server.route('GET', PAYMENT_PATH, faults.rateLimited(new Date(Date.now() - 5_000)), okPayment);
    expect((await getPayment()).status).toBe('succeeded');
  });

  it('shows the start of a malformed body in the error', async () => {
    server.route('GET', PAYMENT_PATH, faults.malformedJson());
    const malformed = await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    expect(malformed.error.bodyExcerpt).toContain('{"status"');
  });
});

describe('finrax createPayment under faults (never sent twice)', () => {
  it('reconciles a reset after the provider committed through the client id', async () => {
    server
      .route('POST', CREATE_PATH, faults.resetAfterBody())
      .route('GET', LIST_PATH, listWith(paymentObject({ clientPaymentId: 'order-f1', status: 'NEW' })));
    const payment = await provider().createPayment(createInput);
    expect(payment).toMatchObject({ reference: 'order-f1', providerPaymentId: PAYMENT_ID });
    expect(posts()).toBe(1);
    expect(server.requests.find((entry) => entry.path === LIST_PATH)?.query.get('clientPaymentId')).toBe(
      'order-f1',
    );
  });

  it.each([
    ['a reset before the body', faults.resetBeforeBody()],
    ['a stall (timeout)', faults.stall()],
    ['a body that stalls after the headers', faults.stallAfterHeaders(201)],
    ['a 502 HTML page', faults.html(502)],
    ['a 500', faults.json(500, { requestId: 'r', message: 'boom' })],
  ])('raises AmbiguousOutcomeError after %s when the client id is not found', async (_name, fault) => {
    server.route('POST', CREATE_PATH, fault).route('GET', LIST_PATH, listWith());
    const { error } = await expectPaymuxFailure(() => provider().createPayment(createInput), {
      type: AmbiguousOutcomeError,
      secrets,
    });
    expect(error.reference).toBe('order-f1');
    expect(posts()).toBe(1);
    expect(server.count('GET', LIST_PATH)).toBe(1);
  });

  it('raises AmbiguousOutcomeError when the look-up fails too', async () => {
    server.route('POST', CREATE_PATH, faults.resetAfterBody()).route('GET', LIST_PATH, faults.status(500));
    await expectPaymuxFailure(() => provider().createPayment(createInput), {
      type: AmbiguousOutcomeError,
      secrets,
    });
    expect(posts()).toBe(1);
  });

  it('repeats a create refused with 429 (nothing was carried out) and succeeds', async () => {
    server.route('POST', CREATE_PATH, faults.rateLimited(0), created);
    expect((await provider().createPayment(createInput)).reference).toBe('order-f1');
    expect(server.requests.filter((entry) => entry.handled && entry.action === 'reply')).toHaveLength(2);
  });

  it.each([
    ['malformed JSON', faults.malformedJson(201)],
    ['an HTML page', faults.html(200, 'OK')],
    ['a drifted shape', faults.json(201, { payment: { id: PAYMENT_ID } })],
  ])('reconciles a 2xx create whose answer is %s (the payment may exist)', async (_name, fault) => {
    server
      .route('POST', CREATE_PATH, fault)
      .route('GET', LIST_PATH, listWith(paymentObject({ clientPaymentId: 'order-f1', status: 'NEW' })));
    expect((await provider().createPayment(createInput)).providerPaymentId).toBe(PAYMENT_ID);
    expect(posts()).toBe(1);
  });

  it('raises AmbiguousOutcomeError for an unreadable 2xx create it cannot find, without a second POST', async () => {
    server.route('POST', CREATE_PATH, faults.malformedJson(201)).route('GET', LIST_PATH, listWith());
    const { error } = await expectPaymuxFailure(() => provider().createPayment(createInput), {
      type: AmbiguousOutcomeError,
      secrets,
    });
    expect(error.httpStatus).toBe(201);
    expect(error.reference).toBe('order-f1');
    expect(posts()).toBe(1);
  });

  it('does not look up a create refused for certain (4xx)', async () => {
    server.route('POST', CREATE_PATH, faults.json(400, { requestId: 'r-400', message: 'bad amount' }));
    await expectPaymuxFailure(() => provider().createPayment(createInput), { secrets });
    expect(server.count('GET', LIST_PATH)).toBe(0);
  });
});

describe('finrax createPayout under faults', () => {
  const payoutInput = {
    reference: 'test-withdrawal-23-12-19-2',
    amount: { amount: '21', currency: 'EUR' },
    destination: {
      asset: { symbol: 'USDC', network: 'bsc' },
      address: '0x5CF631Db2eB6be3eecB5E9fD0f31a19AC0F4C504',
    },
  };

  it('reconciles a withdrawal after a timeout, sending it once', async () => {
    server
      .route('POST', WITHDRAW_PATH, faults.stall())
      .route('GET', WITHDRAW_PATH, faults.json(200, fixtureText('finrax-withdrawal-list.json')));
    const payout = await provider().createPayout(payoutInput);
    expect(payout.reference).toBe(payoutInput.reference);
    expect(server.count('POST', WITHDRAW_PATH)).toBe(1);
  });

  it('reconciles a withdrawal whose 2xx answer cannot be read', async () => {
    server
      .route('POST', WITHDRAW_PATH, faults.malformedJson(201))
      .route('GET', WITHDRAW_PATH, faults.json(200, fixtureText('finrax-withdrawal-list.json')));
    expect((await provider().createPayout(payoutInput)).reference).toBe(payoutInput.reference);
    expect(server.count('POST', WITHDRAW_PATH)).toBe(1);
  });

  it('raises AmbiguousOutcomeError when the withdrawal is not listed', async () => {
    server
      .route('POST', WITHDRAW_PATH, faults.resetAfterBody())
      .route('GET', WITHDRAW_PATH, faults.json(200, { withdrawals: [] }));
    await expectPaymuxFailure(() => provider().createPayout(payoutInput), {
      type: AmbiguousOutcomeError,
      secrets,
    });
    expect(server.count('POST', WITHDRAW_PATH)).toBe(1);
  });
});
