import { NetworkError, ProviderResponseError } from '@paymux/core';
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
  createTestDepay,
  fixtureJson,
  fixtureText,
  HOST,
  signedJsonHeaders,
  TEST_API_KEY,
  TEST_UUID_SECRET,
} from './__fixtures__/depay-test-setup';

const TRACKING_ID = '45b55d24-60d0-45ba-9800-c61835494dc8-3';
const PAYMENT_PATH = `/v2/payments/${TRACKING_ID}`;
const CREATE_PATH = '/v2/payments';
const secrets = [TEST_API_KEY, TEST_UUID_SECRET];

const server = useFaultServer();

const provider = () =>
  createTestDepay({ baseUrl: `${server.url}/v2`, timeoutMs: FAULT_TIMEOUT_MS, retry: FAULT_RETRY });
const getPayment = () => provider().getPayment(TRACKING_ID);
// DePay signs this answer: the good one carries the test key's x-signature over its exact bytes.
const okPayment = faults.text(
  200,
  fixtureText('get-payment-response.json'),
  'application/json',
  signedJsonHeaders(fixtureText('get-payment-response.json')),
);
const createInput = {
  reference: 'order-822',
  amount: { amount: '822.5', currency: 'XYZ' },
  payWith: { symbol: 'XYZ', network: 'ethereum', contract: '0xa0bed124a09ac2bd941b10349d8d224fe3c955eb' },
  providerOptions: {
    depay: {
      transaction: '0xd4a9424440f6010af1bec311dda4e23d4f0016f4cc215da84a41650150ecb8b7',
      sender: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
      nonce: 1,
      afterBlock: 13609144,
      receiver: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
    },
  },
};
const createdBody = fixtureText('create-payment-response.json');

/** DePay's create: 201 for a new uuid, 200 with the same tracking for a uuid it already has. */
function dedupingCreate(seen: Set<string>) {
  return faults.dynamic((request) => {
    const uuid = (JSON.parse(request.body ?? '{}') as { uuid?: string }).uuid ?? '';
    const status = seen.has(uuid) ? 200 : 201;
    seen.add(uuid);
    return faults.text(status, createdBody, 'application/json');
  });
}

/** The payment as a drifted API would send it: `status` renamed to `state`. */
const { status: _status, ...paymentWithoutStatus } = fixtureJson('get-payment-response.json');

describeReadFaults({
  name: 'depay',
  operation: 'getPayment',
  server,
  route: PAYMENT_PATH,
  read: getPayment,
  answer: okPayment,
  expectAnswered: (payment) => expect(payment.status).toBe('succeeded'),
  partialAnswer: '{"blockchain":"b',
  secrets,
  nockReset: {
    intercept: () => nock(HOST).get(PAYMENT_PATH),
    read: () => createTestDepay({ retry: FAULT_RETRY, timeoutMs: FAULT_TIMEOUT_MS }).getPayment(TRACKING_ID),
  },
  transientServerErrors: [faults.html(502), faults.status(504)],
  retryAfter: { seconds: 90, dateAheadMs: 600_000, dateAtLeastSeconds: 500 },
  htmlPageTitle: 'Cloudflare',
  driftedAnswers: [
    { ...paymentWithoutStatus, state: 'success' },
    { ...fixtureJson<Record<string, unknown>>('get-payment-response.json'), amount: { value: '1' } },
  ],
});

describe('depay createPayment under faults (idempotent by uuid)', () => {
  it('repeats a create cut after DePay committed it, with the same uuid, and gets the one tracking', async () => {
    const seen = new Set<string>();
    server.route('POST', CREATE_PATH, faults.resetAfterBody(), dedupingCreate(seen));
    const payment = await provider().createPayment(createInput);
    expect(payment.providerPaymentId).toBe('74417770-e6ac-4ae8-b027-0657600d7bad');
    const bodies = server.requests.map((entry) => entry.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(seen.size).toBe(1);
  });

  it.each([
    ['a stall', faults.stall()],
    ['a body that stalls after the headers', faults.stallAfterHeaders(201)],
    ['a reset before the body', faults.resetBeforeBody()],
    ['a 502 HTML page', faults.html(502)],
    ['a 429 with Retry-After 0', faults.rateLimited(0)],
  ])('recovers from %s by repeating the same request', async (_name, fault) => {
    server.route('POST', CREATE_PATH, fault, dedupingCreate(new Set()));
    expect((await provider().createPayment(createInput)).reference).toBe('order-822');
    expect(server.count('POST', CREATE_PATH)).toBe(2);
    // Every body the server read is the same request: the same uuid, so DePay keeps one tracking.
    const bodies = server.requests.flatMap((entry) => (entry.body === undefined ? [] : [entry.body]));
    expect(new Set(bodies).size).toBe(1);
  });

  it('gives up with a typed error (never AmbiguousOutcomeError: a repeat is safe) when faults persist', async () => {
    server.route('POST', CREATE_PATH, faults.resetAfterBody());
    await expectPaymuxFailure(() => provider().createPayment(createInput), { type: NetworkError, secrets });
    expect(server.count('POST', CREATE_PATH)).toBe(FAULT_RETRY.maxAttempts);
  });

  it('reports a create answer with a drifted shape as ProviderResponseError', async () => {
    const { uuid: _uuid, ...rest } = fixtureJson('create-payment-response.json');
    server.route('POST', CREATE_PATH, faults.json(201, { ...rest, id: 'renamed' }));
    await expectPaymuxFailure(() => provider().createPayment(createInput), {
      type: ProviderResponseError,
      secrets,
    });
  });
});
