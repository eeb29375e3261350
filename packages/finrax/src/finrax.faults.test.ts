import {
  AmbiguousOutcomeError,
  NetworkError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '@paymux/core';
import {
  connectionReset,
  expectPaymuxFailure,
  FAULT_RETRY,
  FAULT_TIMEOUT_MS,
  type FaultServer,
  faults,
  startFaultServer,
} from '@paymux/testkit';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(() => {
  expect(server.unrouted()).toEqual([]);
  server.reset();
  nock.cleanAll();
});
afterAll(() => server.close());

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
/** Three attempts at most, each bounded by the timeout: a generous multiple still bounds the total. */
const readBound = FAULT_TIMEOUT_MS * FAULT_RETRY.maxAttempts * 4;

describe('finrax reads under faults (getPayment)', () => {
  it('retries a stalled request (no headers) and gives up with TimeoutError in bounded time', async () => {
    server.route('GET', PAYMENT_PATH, faults.stall());
    const { error, elapsedMs } = await expectPaymuxFailure(getPayment, { type: TimeoutError, secrets });
    expect(error.retryable).toBe(true);
    expect(server.count('GET', PAYMENT_PATH)).toBe(FAULT_RETRY.maxAttempts);
    expect(elapsedMs).toBeLessThan(readBound);
  });

  it('keeps the API key out of an error page that echoes the request', async () => {
    server.route('GET', PAYMENT_PATH, faults.echoRequest());
    const { error } = await expectPaymuxFailure(getPayment, { type: ProviderUnavailableError, secrets });
    expect(error.bodyExcerpt).toContain(`GET ${PAYMENT_PATH}`);
  });

  it('retries a body that stalls after the headers, then reads the answer', async () => {
    server.route('GET', PAYMENT_PATH, faults.stallAfterHeaders(200, '{"paymentId":"'), okPayment);
    expect((await getPayment()).status).toBe('succeeded');
    expect(server.count('GET', PAYMENT_PATH)).toBe(2);
  });

  it('retries after a reset connection (loopback, and nock ECONNRESET)', async () => {
    server.route('GET', PAYMENT_PATH, faults.resetBeforeBody(), faults.resetAfterBody(), okPayment);
    expect((await getPayment()).status).toBe('succeeded');
    expect(server.count('GET', PAYMENT_PATH)).toBe(3);

    const scope = nock(TEST_BASE_URL)
      .get(PAYMENT_PATH)
      .times(FAULT_RETRY.maxAttempts)
      .replyWithError(connectionReset());
    await expectPaymuxFailure(
      () => testProvider({ retry: FAULT_RETRY, timeoutMs: FAULT_TIMEOUT_MS }).getPayment(PAYMENT_ID),
      { type: NetworkError, secrets },
    );
    expect(scope.isDone()).toBe(true);
  });

  it('retries 5xx and reports ProviderUnavailableError when they persist', async () => {
    server.route('GET', PAYMENT_PATH, faults.status(502), faults.html(503, 'Service Unavailable'), okPayment);
    expect((await getPayment()).status).toBe('succeeded');
    server.reset();
    server.route('GET', PAYMENT_PATH, faults.json(500, { requestId: 'r-500', message: 'boom' }));
    const { error } = await expectPaymuxFailure(getPayment, { type: ProviderUnavailableError, secrets });
    expect(error.httpStatus).toBe(500);
    expect(server.count('GET', PAYMENT_PATH)).toBe(FAULT_RETRY.maxAttempts);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    server.route('GET', PAYMENT_PATH, faults.rateLimited(0), okPayment);
    expect((await getPayment()).status).toBe('succeeded');
    expect(server.count('GET', PAYMENT_PATH)).toBe(2);

    server.reset();
    server.route('GET', PAYMENT_PATH, faults.rateLimited(120));
    const seconds = await expectPaymuxFailure(getPayment, { type: RateLimitError, secrets });
    expect(seconds.error.retryAfter).toBe(120);
    expect(server.count('GET', PAYMENT_PATH)).toBe(1);

    server.reset();
    server.route('GET', PAYMENT_PATH, faults.rateLimited(new Date(Date.now() + 3_600_000)));
    const date = await expectPaymuxFailure(getPayment, { type: RateLimitError, secrets });
    expect(date.error.retryAfter).toBeGreaterThan(3_500);
    expect(server.count('GET', PAYMENT_PATH)).toBe(1);

    server.reset();
    server.route('GET', PAYMENT_PATH, faults.rateLimited(new Date(Date.now() - 5_000)), okPayment);
    expect((await getPayment()).status).toBe('succeeded');
  });

  it('reports malformed JSON and an HTML page behind a 200 as ProviderResponseError', async () => {
    server.route('GET', PAYMENT_PATH, faults.malformedJson());
    const malformed = await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    expect(malformed.error.bodyExcerpt).toContain('{"status"');
    server.route('GET', PAYMENT_PATH, faults.html(200, 'Maintenance'));
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    // A shape error is not a transient fault: no retry.
    expect(server.count('GET', PAYMENT_PATH)).toBe(2);
  });

  it('reports schema drift (a renamed field, a wrong type) as ProviderResponseError', async () => {
    const { status: _status, ...withoutStatus } = paymentObject();
    server.route('GET', PAYMENT_PATH, faults.json(200, { ...withoutStatus, paymentStatus: 'DEPOSITED' }));
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    server.route('GET', PAYMENT_PATH, faults.json(200, paymentObject({ actualDepositAmount: { value: 1 } })));
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    server.route('GET', PAYMENT_PATH, faults.json(200, [paymentObject()]));
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
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
