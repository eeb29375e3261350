import type { Payment, PaymentEventType, WebhookEvent } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '@paymux/core';
import { admitEvent } from './state-guard';

function paymentEvent(type: PaymentEventType, status: Payment['status'], occurredAt: string): WebhookEvent {
  const data: Payment = {
    id: 'pay_1',
    provider: 'main',
    providerType: 'fake',
    providerPaymentId: 'p1',
    reference: 'order-1',
    flow: 'deposit_address',
    status,
    rawStatus: status,
    amount: { amount: '10', currency: 'EUR' },
    amountDelta: type === 'payment.underpaid' ? 'under' : 'none',
    transfers: [],
    createdAt: '2026-11-21T10:00:00.000Z',
    updatedAt: occurredAt,
    raw: {},
  };
  return {
    id: `${type}@${occurredAt}`,
    object: 'payment',
    type,
    provider: 'main',
    providerType: 'fake',
    occurredAt,
    verifiedBy: 'signature',
    data,
    raw: {},
  } as WebhookEvent;
}

describe('state guard', () => {
  it('announces an underpayment found after the funds were seen confirming', async () => {
    const store = createMemoryStore();
    expect(
      await admitEvent(store, paymentEvent('payment.processing', 'processing', '2026-11-21T10:01:00.000Z')),
    ).toBe('new_state');
    expect(
      await admitEvent(
        store,
        paymentEvent('payment.underpaid', 'requires_payment', '2026-11-21T10:02:00.000Z'),
      ),
    ).toBe('new_state');
    expect(
      await admitEvent(store, paymentEvent('payment.succeeded', 'succeeded', '2026-11-21T10:03:00.000Z')),
    ).toBe('new_state');
  });

  it('does not announce a stale processing that arrives after a newer underpayment', async () => {
    const store = createMemoryStore();
    await admitEvent(
      store,
      paymentEvent('payment.underpaid', 'requires_payment', '2026-11-21T10:02:00.000Z'),
    );
    expect(
      await admitEvent(store, paymentEvent('payment.processing', 'processing', '2026-11-21T10:01:00.000Z')),
    ).toBe('regression');
    expect(
      await admitEvent(
        store,
        paymentEvent('payment.created', 'requires_payment', '2026-11-21T10:00:00.000Z'),
      ),
    ).toBe('regression');
  });
});
