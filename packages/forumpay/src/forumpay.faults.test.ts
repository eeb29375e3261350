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
  type FaultAction,
  type FaultServer,
  faults,
  startFaultServer,
} from '@paymux/testkit';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BASIC, FAKE_SECRET, SEED_ORIGIN, seedResponse } from './__fixtures__/forumpay-fixtures';
import { acceptLookup, seedPaymentId, seedProvider } from './__fixtures__/forumpay-test-provider';
import { encodeForumpayPaymentId } from './forumpay-payment-id';

const CHECK = '/v2/CheckPayment/';
const RATE = '/v2/GetRate/';
const START = '/v2/StartPayment/';
const ACCEPT = '/v2/AcceptPayment/';
const REFUND = '/v2/RefundPayment/';
const secrets = [FAKE_SECRET];
const readBound = FAULT_TIMEOUT_MS * FAULT_RETRY.maxAttempts * 4;

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

describe('forumpay reads under faults (CheckPayment)', () => {
  it('retries a stalled request and gives up with TimeoutError in bounded time', async () => {
    server.route('GET', CHECK, faults.stall());
    const { elapsedMs } = await expectPaymuxFailure(getPayment, { type: TimeoutError, secrets });
    expect(server.count('GET', CHECK)).toBe(FAULT_RETRY.maxAttempts);
    expect(elapsedMs).toBeLessThan(readBound);
  });

  it('keeps the credentials out of an error page that echoes the request', async () => {
    server.route('GET', CHECK, faults.echoRequest());
    const { error } = await expectPaymuxFailure(getPayment, {
      type: ProviderUnavailableError,
      secrets: [...secrets, FAKE_BASIC.slice('Basic '.length)],
    });
    expect(error.bodyExcerpt).toContain(`GET ${CHECK}`);
  });

  it('retries a body that stalls after the headers', async () => {
    server.route('GET', CHECK, faults.stallAfterHeaders(200, '{"reference_no":"12'), okCheck);
    expect((await getPayment()).rawStatus).toBe('waiting');
    expect(server.count('GET', CHECK)).toBe(2);
  });

  it('retries reset connections (loopback before and after the body, nock ECONNRESET)', async () => {
    server.route('GET', CHECK, faults.resetBeforeBody(), faults.resetAfterBody(), okCheck);
    expect((await getPayment()).rawStatus).toBe('waiting');
    expect(server.count('GET', CHECK)).toBe(3);

    const scope = nock(SEED_ORIGIN)
      .get(CHECK)
      .query(true)
      .times(FAULT_RETRY.maxAttempts)
      .replyWithError(connectionReset());
    await expectPaymuxFailure(
      () => seedProvider({ retry: FAULT_RETRY, timeoutMs: FAULT_TIMEOUT_MS }).getPayment(seedPaymentId),
      { type: NetworkError, secrets },
    );
    expect(scope.isDone()).toBe(true);
  });

  it('retries 5xx and HTML error pages, and reports ProviderUnavailableError when they persist', async () => {
    server.route('GET', CHECK, faults.html(502), faults.status(500), okCheck);
    expect((await getPayment()).rawStatus).toBe('waiting');
    server.reset();
    server.route('GET', CHECK, faults.html(503, 'Service Unavailable'));
    await expectPaymuxFailure(getPayment, { type: ProviderUnavailableError, secrets });
    expect(server.count('GET', CHECK)).toBe(FAULT_RETRY.maxAttempts);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    server.route('GET', CHECK, faults.rateLimited(0), okCheck);
    expect((await getPayment()).rawStatus).toBe('waiting');
    expect(server.count('GET', CHECK)).toBe(2);

    server.reset();
    server.route('GET', CHECK, faults.rateLimited(60));
    const seconds = await expectPaymuxFailure(getPayment, { type: RateLimitError, secrets });
    expect(seconds.error.retryAfter).toBe(60);
    expect(server.count('GET', CHECK)).toBe(1);

    server.reset();
    server.route('GET', CHECK, faults.rateLimited(new Date(Date.now() + 3_600_000)));
    const date = await expectPaymuxFailure(getPayment, { type: RateLimitError, secrets });
    expect(date.error.retryAfter).toBeGreaterThan(3_500);
    expect(server.count('GET', CHECK)).toBe(1);
  });

  it('reports malformed JSON and an HTML page behind a 200 as ProviderResponseError, without retrying', async () => {
    server.route('GET', CHECK, faults.malformedJson());
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    server.route('GET', CHECK, faults.html(200, 'Maintenance'));
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    expect(server.count('GET', CHECK)).toBe(2);
  });

  it('reports schema drift (a renamed field, a wrong type) as ProviderResponseError', async () => {
    // `status` is ForumPay's documented fallback for `state`: drift renames both.
    const { state: _state, status: _status, ...rest } = seedResponse('check-payment');
    server.route('GET', CHECK, faults.json(200, { ...rest, payment_state: 'waiting' }));
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    server.route(
      'GET',
      CHECK,
      faults.json(200, { ...seedResponse<Record<string, unknown>>('check-payment'), payment: { btc: 1 } }),
    );
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
  });
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
