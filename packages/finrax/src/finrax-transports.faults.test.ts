// The shared read-fault matrix and a create-then-read exchange on every transport paymux ships
// (node:http, fetch, axios, undici): each must keep the same failure semantics.
import {
  describeReadFaults,
  FAULT_RETRY,
  FAULT_TIMEOUT_MS,
  faults,
  transportsUnderTest,
  useFaultServer,
} from '@paymux/testkit';
import type { Transport } from '@paymux/core';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  paymentObject,
  TEST_API_KEY,
  TEST_API_SECRET,
  TEST_BASE_URL,
  testProvider,
} from './__fixtures__/finrax-test-support';

const PAYMENT_ID = '2fcd3399-49d4-45e0-b995-7c489f43fe08';
const PAYMENT_PATH = `/api/v1/payments/${PAYMENT_ID}`;
const CREATE_PATH = '/api/v1/payments';
const secrets = [TEST_API_KEY, TEST_API_SECRET];
const { status: _status, ...withoutStatus } = paymentObject();

const server = useFaultServer();

for (const underTest of transportsUnderTest()) {
  // Counted, so that a provider that ignored the setting (and used the default) would fail.
  let sends = 0;
  const transport: Transport | undefined = underTest.transport && {
    name: underTest.transport.name,
    send: (request) => {
      sends += 1;
      return underTest.transport!.send(request);
    },
  };
  const provider = (baseUrl: string) =>
    testProvider({
      baseUrl,
      timeoutMs: FAULT_TIMEOUT_MS,
      retry: FAULT_RETRY,
      ...(transport ? { transport } : {}),
    });

  describeReadFaults({
    name: 'finrax',
    operation: 'getPayment',
    server,
    transport: underTest,
    route: PAYMENT_PATH,
    read: () => provider(server.url).getPayment(PAYMENT_ID),
    answer: faults.json(200, paymentObject({ status: 'DEPOSITED', actualDepositAmount: '54.759355' })),
    expectAnswered: (payment) => expect(payment.status).toBe('succeeded'),
    partialAnswer: '{"paymentId":"',
    secrets,
    nockReset: {
      intercept: () => nock(TEST_BASE_URL).get(PAYMENT_PATH),
      read: () => provider(TEST_BASE_URL).getPayment(PAYMENT_ID),
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

  describe(`finrax on ${underTest.name}: a write and a read`, () => {
    it('creates a payment with the signed JSON body and reads it back', async () => {
      server.route(
        'POST',
        CREATE_PATH,
        faults.json(201, {
          paymentInfo: paymentObject({ clientPaymentId: 'order-t1', status: 'NEW' }),
          paymentUrl: `https://pay.finrax.unit.test/deposit/${PAYMENT_ID}`,
        }),
      );
      server.route('GET', PAYMENT_PATH, faults.json(200, paymentObject({ status: 'DEPOSITED' })));
      sends = 0;
      const finrax = provider(server.url);
      const created = await finrax.createPayment({
        reference: 'order-t1',
        amount: { amount: '50', currency: 'EUR' },
      });
      expect(created.providerPaymentId).toBe(PAYMENT_ID);
      expect((await finrax.getPayment(created.id)).status).toBe('succeeded');
      const post = server.requests.find((request) => request.method === 'POST');
      expect(JSON.parse(post!.body ?? '')).toMatchObject({ clientPaymentId: 'order-t1' });
      expect(String(post!.headers.authorization)).toMatch(/^FRX-API /);
      expect(server.count('POST', CREATE_PATH)).toBe(1);
      expect(sends).toBe(underTest.transport ? 2 : 0);
    });
  });
}
