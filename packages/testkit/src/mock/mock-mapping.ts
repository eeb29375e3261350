import { amountDelta, decimal, type Payment, type Payout, type Redactor, sanitizeRaw } from '@paymux/core';
import type { MockWirePayment, MockWirePayout } from './mock-api';
import { mapMockPaymentStatus, mapMockPayoutStatus } from './map-mock-status';

/** What mapping needs besides the wire object. */
export interface MockMappingContext {
  account: string;
  redact: Redactor;
}

/** The mock API's ISO dates, normalized (a provider may drop the milliseconds or use an offset). */
function isoDate(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** A mock payment in the unified model. Its id alone finds it again: it is the mock's own id. */
export function toPayment(wire: MockWirePayment, context: MockMappingContext): Payment {
  const payCurrency = wire.pay_currency;
  const received =
    wire.received_amount !== undefined && !decimal.isZero(wire.received_amount)
      ? { amount: wire.received_amount, currency: payCurrency }
      : undefined;
  const delta = amountDelta(wire.pay_amount, received?.amount);
  const payIn = {
    asset: { symbol: payCurrency, network: wire.network },
    address: wire.address,
    amount: { amount: wire.pay_amount, currency: payCurrency },
  };
  return {
    id: wire.id,
    provider: context.account,
    providerType: 'mock',
    providerPaymentId: wire.id,
    reference: wire.reference,
    flow: wire.mode === 'address' ? 'deposit_address' : 'hosted',
    status: mapMockPaymentStatus(wire.status),
    rawStatus: wire.status,
    ...(wire.failure_reason ? { failureReason: wire.failure_reason } : {}),
    amount: { amount: wire.amount, currency: wire.currency },
    quote: {
      amount: payIn.amount,
      ...(wire.expires_at ? { expiresAt: isoDate(wire.expires_at) } : {}),
    },
    payIn,
    ...(wire.checkout_url ? { checkoutUrl: wire.checkout_url } : {}),
    ...(received ? { received } : {}),
    amountDelta: delta,
    ...(delta === 'under' && received
      ? { missing: { amount: decimal.subtract(wire.pay_amount, received.amount), currency: payCurrency } }
      : {}),
    transfers: wire.txid && received ? [{ txid: wire.txid, amount: received, to: wire.address }] : [],
    ...(wire.expires_at ? { expiresAt: isoDate(wire.expires_at) } : {}),
    createdAt: isoDate(wire.created_at),
    updatedAt: isoDate(wire.updated_at),
    ...(wire.metadata ? { metadata: wire.metadata } : {}),
    raw: sanitizeRaw(wire, context.redact),
  };
}

/** A mock payout in the unified model. */
export function toPayout(wire: MockWirePayout, context: MockMappingContext): Payout {
  return {
    id: wire.id,
    provider: context.account,
    providerType: 'mock',
    providerPayoutId: wire.id,
    reference: wire.reference,
    status: mapMockPayoutStatus(wire.status),
    rawStatus: wire.status,
    ...(wire.failure_reason ? { failureReason: wire.failure_reason } : {}),
    amount: { amount: wire.amount, currency: wire.currency },
    destination: {
      asset: { symbol: wire.currency, network: wire.network },
      address: wire.address,
      ...(wire.memo ? { memo: wire.memo } : {}),
    },
    ...(wire.fee !== undefined ? { fee: { amount: wire.fee, currency: wire.currency } } : {}),
    ...(wire.txid ? { txid: wire.txid } : {}),
    createdAt: isoDate(wire.created_at),
    updatedAt: isoDate(wire.updated_at),
    ...(wire.metadata ? { metadata: wire.metadata } : {}),
    raw: sanitizeRaw(wire, context.redact),
  };
}
