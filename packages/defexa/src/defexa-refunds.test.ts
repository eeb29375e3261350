import { NotFoundError, ValidationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeDefexaPaymentId } from './defexa-ids';
import { defexaScope, fixture, mockLogin, SEED_SESSION, testProvider } from '../test/defexa-test-support';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

const aml = fixture<{ payments: { order_number: string; token: string }[] }>('aml-refunds-response.json');
const held = aml.payments[0]!;
const paymentId = encodeDefexaPaymentId({
  kind: 'charge',
  reference: 'order-9',
  currency: 'ALGO',
  orderNumber: held.order_number,
});

describe('createRefund (AML refunds)', () => {
  it('finds the held payment and sends its token to the address given', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/aml_refunds').query({ session_token: SEED_SESSION }).reply(200, aml);
    scope.post('/api/v1/da/aml_refunds').reply(200, fixture('aml-refund-create-response.json'));
    const refund = await testProvider().createRefund({
      paymentId,
      destination: { address: '1234' },
      amount: { amount: '10.0', currency: 'ALGO' },
    });
    expect(seen[2]?.body).toBe(
      JSON.stringify({ session_token: SEED_SESSION, token: held.token, to_address: '1234' }),
    );
    expect(refund).toMatchObject({
      paymentId,
      providerRefundId: '2',
      status: 'pending',
      amount: { amount: '10', currency: 'ALGO' },
      destination: { address: '1234', asset: { symbol: 'ALGO', network: 'algorand' } },
    });
  });

  it('needs a destination address, before any request', async () => {
    const { seen } = defexaScope();
    const error = await testProvider()
      .createRefund({ paymentId })
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).field).toBe('destination.address');
    expect(seen).toHaveLength(0);
  });

  it('refunds only the whole held amount', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/aml_refunds').query(true).reply(200, aml);
    const error = await testProvider()
      .createRefund({
        paymentId,
        destination: { address: '1234' },
        amount: { amount: '5', currency: 'ALGO' },
      })
      .catch((caught: unknown) => caught);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).field).toBe('amount');
  });

  it('refuses a payment that is not held', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/aml_refunds').query(true).reply(200, { success: true, payments: [] });
    const error = await testProvider()
      .createRefund({ paymentId, destination: { address: '1234' } })
      .catch((caught: unknown) => caught);
    expect(NotFoundError.is(error)).toBe(true);
  });
});
