import type { MockWirePayment, MockWirePayout } from '../mock-api';

/** A payment as the mock API sends it, waiting for funds. */
export function wirePayment(overrides: Partial<MockWirePayment> = {}): MockWirePayment {
  return {
    id: 'pay_7Hq2',
    reference: 'order-1001',
    status: 'pending',
    mode: 'hosted',
    amount: '25.50',
    currency: 'EUR',
    pay_amount: '27.41935483',
    pay_currency: 'USDT',
    network: 'tron',
    address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
    checkout_url: 'https://checkout.mock-provider.test/pay_7Hq2',
    received_amount: '0',
    created_at: '2026-01-15T10:00:00.000Z',
    updated_at: '2026-01-15T10:00:00.000Z',
    expires_at: '2026-01-15T10:30:00.000Z',
    ...overrides,
  };
}

/** A payout as the mock API sends it, just queued. */
export function wirePayout(overrides: Partial<MockWirePayout> = {}): MockWirePayout {
  return {
    id: 'po_91Xa',
    reference: 'withdrawal-77',
    status: 'queued',
    amount: '150.25',
    currency: 'USDT',
    network: 'tron',
    address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
    fee: '1',
    created_at: '2026-01-15T11:00:00.000Z',
    updated_at: '2026-01-15T11:00:00.000Z',
    ...overrides,
  };
}
