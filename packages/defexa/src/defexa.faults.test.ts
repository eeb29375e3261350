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
import { BASE_URL, fixture, SEED_SESSION, TEST_KEY, testProvider } from '../test/defexa-test-support';
import { encodeDefexaPaymentId } from './defexa-ids';

const ORDER = 'limited_invoice_7e5fb42d19d3fd0c00';
const LOGIN = '/api/v1/da/login';
const INVOICES = '/api/v1/da/invoices';
const AML = '/api/v1/da/aml_refunds';
const CHARGE = '/api/v1/charge';
const PAYOUTS = '/api/v1/da/payouts';
const secrets = [TEST_KEY, SEED_SESSION];
const readBound = FAULT_TIMEOUT_MS * FAULT_RETRY.maxAttempts * 4;
const paymentId = encodeDefexaPaymentId({
  kind: 'charge',
  reference: 'f-1',
  currency: 'ALGO',
  orderNumber: ORDER,
});

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
const login = faults.json(200, fixture('login-response.json'));
const noHolds = faults.json(200, { success: true, result: 0, status: 200, payments: [] });
function invoices(extra: Record<string, unknown> = {}) {
  const list = fixture<{ invoices: Record<string, unknown>[] }>('invoices-list-response.json');
  return { ...list, invoices: [{ ...list.invoices[0], status: 1, order_number: ORDER, ...extra }] };
}
const okInvoices = faults.json(200, invoices());
/** A read with its session: login, the invoice (scripted by the test) and the AML holds. */
function readRoutes(...invoiceActions: FaultAction[]): void {
  server
    .route('POST', LOGIN, login)
    .route('GET', INVOICES, ...invoiceActions)
    .route('GET', AML, noHolds);
}
const getPayment = () => provider().getPayment(paymentId);

describe('defexa reads under faults (getPayment)', () => {
  it('retries a stalled request and gives up with TimeoutError in bounded time', async () => {
    readRoutes(faults.stall());
    const { elapsedMs } = await expectPaymuxFailure(getPayment, { type: TimeoutError, secrets });
    expect(server.count('GET', INVOICES)).toBe(FAULT_RETRY.maxAttempts);
    expect(elapsedMs).toBeLessThan(readBound);
  });

  it('retries a body that stalls after the headers', async () => {
    readRoutes(faults.stallAfterHeaders(200, '{"success":true,"invoices":['), okInvoices);
    expect((await getPayment()).status).toBe('succeeded');
    expect(server.count('GET', INVOICES)).toBe(2);
  });

  it('retries a stalled or reset login (it creates nothing) before the read', async () => {
    server
      .route('POST', LOGIN, faults.stall(), faults.resetAfterBody(), login)
      .route('GET', INVOICES, okInvoices)
      .route('GET', AML, noHolds);
    expect((await getPayment()).status).toBe('succeeded');
    expect(server.count('POST', LOGIN)).toBe(3);
  });

  it('shares one failing login between concurrent reads, and logs in afresh on the next call', async () => {
    server
      .route('POST', LOGIN, faults.html(502))
      .route('GET', INVOICES, okInvoices)
      .route('GET', AML, noHolds);
    const account = provider();
    const failures = await Promise.all(
      [1, 2, 3].map(() =>
        expectPaymuxFailure(() => account.getPayment(paymentId), { type: ProviderUnavailableError, secrets }),
      ),
    );
    expect(failures).toHaveLength(3);
    expect(server.count('POST', LOGIN)).toBe(FAULT_RETRY.maxAttempts);
    expect(server.count('GET', INVOICES)).toBe(0);
    server.route('POST', LOGIN, login);
    expect((await account.getPayment(paymentId)).status).toBe('succeeded');
    expect(server.count('POST', LOGIN)).toBe(FAULT_RETRY.maxAttempts + 1);
  });

  it('keeps the merchant key and the session token out of an error page that echoes the request', async () => {
    const echo = faults.echoRequest();
    readRoutes(echo);
    const { error } = await expectPaymuxFailure(getPayment, { type: ProviderUnavailableError, secrets });
    expect(error.bodyExcerpt).toContain('GET /api/v1/da/invoices');

    server.route('POST', LOGIN, login).route('POST', PAYOUTS, echo).route('GET', PAYOUTS, faults.status(500));
    const payout = await expectPaymuxFailure(
      () =>
        provider().createPayout({
          reference: 'echo-1',
          amount: { amount: '1', currency: 'ALGO' },
          destination: { asset: { symbol: 'ALGO', network: 'algorand' }, address: 'ALGO-TARGET' },
          providerOptions: { defexa: { fromAddress: 'ALGO-FROM' } },
        }),
      { type: AmbiguousOutcomeError, secrets },
    );
    const cause = payout.error.cause as AmbiguousOutcomeError;
    expect(cause.bodyExcerpt).toContain('POST /api/v1/da/payouts');
    expect(cause.bodyExcerpt).not.toContain(SEED_SESSION);
  });

  it('retries reset connections (loopback before and after the body, nock ECONNRESET)', async () => {
    readRoutes(faults.resetBeforeBody(), faults.resetAfterBody(), okInvoices);
    expect((await getPayment()).status).toBe('succeeded');
    expect(server.count('GET', INVOICES)).toBe(3);

    const scope = nock(BASE_URL)
      .post(LOGIN)
      .reply(200, fixture('login-response.json'))
      .get(INVOICES)
      .query(true)
      .times(FAULT_RETRY.maxAttempts)
      .replyWithError(connectionReset());
    await expectPaymuxFailure(
      () => testProvider({ retry: FAULT_RETRY, timeoutMs: FAULT_TIMEOUT_MS }).getPayment(paymentId),
      { type: NetworkError, secrets },
    );
    expect(scope.isDone()).toBe(true);
  });

  it('retries 5xx and HTML error pages, and reports ProviderUnavailableError when they persist', async () => {
    readRoutes(faults.html(502), faults.status(500), okInvoices);
    expect((await getPayment()).status).toBe('succeeded');
    server.reset();
    readRoutes(faults.html(503, 'Service Unavailable'));
    await expectPaymuxFailure(getPayment, { type: ProviderUnavailableError, secrets });
    expect(server.count('GET', INVOICES)).toBe(FAULT_RETRY.maxAttempts);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    readRoutes(faults.rateLimited(0), okInvoices);
    expect((await getPayment()).status).toBe('succeeded');
    expect(server.count('GET', INVOICES)).toBe(2);

    server.reset();
    readRoutes(faults.rateLimited(45));
    const seconds = await expectPaymuxFailure(getPayment, { type: RateLimitError, secrets });
    expect(seconds.error.retryAfter).toBe(45);
    expect(server.count('GET', INVOICES)).toBe(1);

    server.reset();
    readRoutes(faults.rateLimited(new Date(Date.now() + 3_600_000)));
    const date = await expectPaymuxFailure(getPayment, { type: RateLimitError, secrets });
    expect(date.error.retryAfter).toBeGreaterThan(3_500);
    expect(server.count('GET', INVOICES)).toBe(1);
  });

  it('reports malformed JSON and an HTML page behind a 200 as ProviderResponseError, without retrying', async () => {
    readRoutes(faults.malformedJson());
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    readRoutes(faults.html(200, 'Maintenance'));
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    expect(server.count('GET', INVOICES)).toBe(2);
  });

  it('reports schema drift (a renamed field, a wrong type) as ProviderResponseError', async () => {
    const { invoices: list, ...rest } = invoices();
    readRoutes(faults.json(200, { ...rest, items: list }));
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    readRoutes(faults.json(200, invoices({ status: { code: 1 } })));
    await expectPaymuxFailure(getPayment, { type: ProviderResponseError, secrets });
    server.route('POST', LOGIN, faults.json(200, { success: true, token: 'renamed' }));
    await expectPaymuxFailure(
      () => testProvider({ baseUrl: server.url, retry: FAULT_RETRY }).getPayment(paymentId),
      {
        type: ProviderResponseError,
        secrets,
      },
    );
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
/** 2xx answers that cannot be read: the write may have been carried out. */
const unreadableSuccesses: [string, FaultAction][] = [
  ['malformed JSON', faults.malformedJson(200)],
  ['an HTML page', faults.html(200, 'OK')],
];

describe('defexa createPayment (charge) under faults: never sent twice', () => {
  const chargeInput = {
    reference: 'f-1',
    amount: { amount: '10', currency: 'ALGO' },
    returnUrl: 'https://shop.example/done',
    webhookUrl: 'https://shop.example/hooks/defexa',
  };

  it.each(unclearFaults)('raises AmbiguousOutcomeError after %s', async (_name, fault) => {
    server.route('POST', CHARGE, fault);
    const { error } = await expectPaymuxFailure(() => provider().createPayment(chargeInput), {
      type: AmbiguousOutcomeError,
      secrets,
    });
    expect(error.reference).toBe('f-1');
    expect(server.count('POST', CHARGE)).toBe(1);
  });

  it('repeats a charge refused with 429 (nothing was carried out)', async () => {
    server.route('POST', CHARGE, faults.rateLimited(0), faults.json(200, fixture('charge-response.json')));
    const payment = await provider().createPayment(chargeInput);
    expect(payment.checkoutUrl).toBeDefined();
    expect(server.requests.filter((entry) => entry.action === 'reply')).toHaveLength(2);
  });

  it('reports a charge answer with a drifted shape as an ambiguous outcome (it may exist), sent once', async () => {
    const { redirect_url: _url, ...rest } = fixture('charge-response.json');
    server.route('POST', CHARGE, faults.json(200, { ...rest, redirectUrl: 'https://renamed.example' }));
    await expectPaymuxFailure(() => provider().createPayment(chargeInput), {
      type: AmbiguousOutcomeError,
      secrets,
    });
    expect(server.count('POST', CHARGE)).toBe(1);
  });
});

describe('defexa createPayout under faults: reconciled by order number', () => {
  const payoutRequest = fixture<Record<string, string>>('payout-create-request.json');
  const payoutInput = {
    reference: '10001',
    amount: { amount: '10', currency: 'ALGO' },
    destination: {
      asset: { symbol: 'ALGO', network: 'algorand' },
      address: payoutRequest.target_address ?? '',
    },
    providerOptions: { defexa: { fromAddress: payoutRequest.from_address ?? '' } },
  };
  const list = fixture<{ payouts: Record<string, unknown>[] }>('payouts-list-response.json');
  const listed = faults.json(200, { ...list, payouts: [{ ...list.payouts[0], order_number: '10001' }] });
  const notListed = faults.json(200, { success: true, payouts: [] });

  it.each([...unclearFaults, ...unreadableSuccesses])(
    'finds the payout after %s, sending it once',
    async (_name, fault) => {
      server.route('POST', LOGIN, login).route('POST', PAYOUTS, fault).route('GET', PAYOUTS, listed);
      const payout = await provider().createPayout(payoutInput);
      expect(payout).toMatchObject({ reference: '10001', providerPayoutId: '736' });
      expect(server.count('POST', PAYOUTS)).toBe(1);
      const lookup = server.requests.find((entry) => entry.method === 'GET' && entry.path === PAYOUTS);
      expect(lookup?.query.get('order_number')).toBe('10001');
    },
  );

  it('raises AmbiguousOutcomeError for an unreadable 2xx payout it cannot find', async () => {
    server
      .route('POST', LOGIN, login)
      .route('POST', PAYOUTS, faults.malformedJson())
      .route('GET', PAYOUTS, notListed);
    const { error } = await expectPaymuxFailure(() => provider().createPayout(payoutInput), {
      type: AmbiguousOutcomeError,
      secrets,
    });
    expect(error.httpStatus).toBe(200);
    expect(server.count('POST', PAYOUTS)).toBe(1);
  });

  it('does not look up a payout refused for certain (4xx)', async () => {
    server.route('POST', LOGIN, login).route(
      'POST',
      PAYOUTS,
      faults.json(400, {
        success: false,
        result: 1,
        status: 400,
        errors: [{ code: 'incorrect_amount', kind: 'invalid_request_error' }],
      }),
    );
    await expectPaymuxFailure(() => provider().createPayout(payoutInput), { secrets });
    expect(server.count('GET', PAYOUTS)).toBe(0);
  });

  it.each([
    ['the payout is not listed', notListed],
    ['the look-up fails too', faults.html(502)],
  ])('raises AmbiguousOutcomeError when %s', async (_name, lookup) => {
    server
      .route('POST', LOGIN, login)
      .route('POST', PAYOUTS, faults.resetAfterBody())
      .route('GET', PAYOUTS, lookup);
    const { error } = await expectPaymuxFailure(() => provider().createPayout(payoutInput), {
      type: AmbiguousOutcomeError,
      secrets,
    });
    expect(error.reference).toBe('10001');
    expect(server.count('POST', PAYOUTS)).toBe(1);
  });
});

describe('defexa batch payouts and AML refunds under faults: never sent twice', () => {
  it.each(unclearFaults)('createPayoutBatch raises AmbiguousOutcomeError after %s', async (_name, fault) => {
    server.route('POST', LOGIN, login).route('POST', '/api/v1/da/mass_payouts', fault);
    await expectPaymuxFailure(
      () =>
        provider().createPayoutBatch({
          reference: 'batch-1',
          payouts: [
            {
              reference: 'line-1',
              amount: { amount: '0.0008', currency: 'ALGO' },
              destination: { asset: { symbol: 'ALGO', network: 'algorand' }, address: 'ALGO-TARGET' },
            },
          ],
          providerOptions: { defexa: { fromAddress: 'ALGO-FROM' } },
        }),
      { type: AmbiguousOutcomeError, secrets },
    );
    expect(server.count('POST', '/api/v1/da/mass_payouts')).toBe(1);
  });

  it.each(unclearFaults)('createRefund raises AmbiguousOutcomeError after %s', async (_name, fault) => {
    const aml = fixture<{ payments: Record<string, unknown>[] }>('aml-refunds-response.json');
    server
      .route('POST', LOGIN, login)
      .route(
        'GET',
        AML,
        faults.json(200, { ...aml, payments: [{ ...aml.payments[0], order_number: ORDER }] }),
      )
      .route('POST', AML, fault);
    await expectPaymuxFailure(
      () => provider().createRefund({ paymentId, destination: { address: '1234' } }),
      {
        type: AmbiguousOutcomeError,
        secrets,
      },
    );
    expect(server.count('POST', AML)).toBe(1);
  });
});
