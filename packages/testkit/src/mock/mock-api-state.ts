import { createHash, randomUUID } from 'node:crypto';
import { decimal, isDecimalString } from '@paymux/core';
import type { MockWirePayment, MockWirePayout } from './mock-api';

/** An answer of the mock API: status and JSON body. */
export interface MockApiAnswer {
  status: number;
  body: unknown;
}

/** Demo rates: USDT per unit of the invoice currency; anything else is quoted 1:1. */
const USDT_RATES: Readonly<Record<string, string>> = { EUR: '1.08', GBP: '1.27', USD: '1', USDT: '1' };

const EVM_NETWORKS = new Set(['ethereum', 'bsc', 'polygon', 'arbitrum', 'optimism', 'base', 'avalanche']);

export function apiError(status: number, code: string, message: string): MockApiAnswer {
  return { status, body: { error: { code, message } } };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A stable, plausible-looking deposit address for a payment. */
function depositAddress(network: string, id: string): string {
  if (EVM_NETWORKS.has(network)) return `0x${digest(id).slice(0, 40)}`;
  return `mock-${network}-${digest(id).slice(0, 32)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function metadataField(body: Record<string, unknown>): Record<string, string> | undefined {
  const value = body.metadata;
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}

/** What the received amount becomes when a test moves a payment to `status`, unless it says. */
function receivedFor(status: string, payAmount: string, current: string | undefined): string | undefined {
  if (status === 'confirming' || status === 'paid') return payAmount;
  if (status === 'underpaid') return decimal.divide(payAmount, '2', 8);
  if (status === 'overpaid') return decimal.toFixed(decimal.multiply(payAmount, '1.1'), 8);
  return current;
}

/** The mock provider's books: payments, payouts and the idempotency keys seen. */
export class MockApiState {
  readonly payments = new Map<string, MockWirePayment>();
  readonly payouts = new Map<string, MockWirePayout>();
  private readonly replies = new Map<string, string>();
  private sequence = 0;

  constructor(
    private readonly baseUrl: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_${this.sequence.toString(36)}${randomUUID().slice(0, 6)}`;
  }

  /** A repeated idempotency key answers the object it created first, in its current state. */
  private replay(key: string | undefined): MockApiAnswer | undefined {
    const id = key ? this.replies.get(key) : undefined;
    if (!id) return undefined;
    const object = this.payments.get(id) ?? this.payouts.get(id);
    return object ? { status: 201, body: object } : undefined;
  }

  createPayment(body: unknown, idempotencyKey: string | undefined): MockApiAnswer {
    const replayed = this.replay(idempotencyKey);
    if (replayed) return replayed;
    if (!isRecord(body)) return apiError(400, 'invalid_request', 'body must be a JSON object');
    const reference = stringField(body, 'reference');
    const amount = body.amount;
    const currency = stringField(body, 'currency');
    if (!reference) return apiError(400, 'invalid_request', 'reference is required');
    if (!isDecimalString(amount) || !decimal.isPositive(amount)) {
      return apiError(400, 'invalid_request', 'amount must be a positive decimal string');
    }
    if (!currency) return apiError(400, 'invalid_request', 'currency is required');
    if ([...this.payments.values()].some((payment) => payment.reference === reference)) {
      return apiError(409, 'duplicate_reference', `a payment with reference ${reference} exists`);
    }
    const id = this.nextId('pay');
    const payCurrency = stringField(body, 'pay_currency') ?? 'USDT';
    const network = stringField(body, 'network') ?? 'tron';
    const rate = currency === payCurrency ? '1' : (USDT_RATES[currency] ?? '1');
    const created = this.now();
    const minutes = typeof body.expires_in_minutes === 'number' ? body.expires_in_minutes : 30;
    const metadata = metadataField(body);
    const payment: MockWirePayment = {
      id,
      reference,
      status: 'pending',
      mode: body.mode === 'address' ? 'address' : 'hosted',
      amount,
      currency,
      pay_amount: decimal.normalize(decimal.toFixed(decimal.multiply(amount, rate), 8)),
      pay_currency: payCurrency,
      network,
      address: depositAddress(network, id),
      checkout_url: `${this.baseUrl()}/checkout/${id}`,
      received_amount: '0',
      created_at: created.toISOString(),
      updated_at: created.toISOString(),
      expires_at: new Date(created.getTime() + minutes * 60_000).toISOString(),
      ...(metadata ? { metadata } : {}),
    };
    this.payments.set(id, payment);
    if (idempotencyKey) this.replies.set(idempotencyKey, id);
    return { status: 201, body: payment };
  }

  createPayout(body: unknown, idempotencyKey: string | undefined): MockApiAnswer {
    const replayed = this.replay(idempotencyKey);
    if (replayed) return replayed;
    if (!isRecord(body)) return apiError(400, 'invalid_request', 'body must be a JSON object');
    const missing = ['reference', 'currency', 'network', 'address'].find((key) => !stringField(body, key));
    if (missing) return apiError(400, 'invalid_request', `${missing} is required`);
    const amount = body.amount;
    if (!isDecimalString(amount) || !decimal.isPositive(amount)) {
      return apiError(400, 'invalid_request', 'amount must be a positive decimal string');
    }
    const reference = stringField(body, 'reference')!;
    if ([...this.payouts.values()].some((payout) => payout.reference === reference)) {
      return apiError(409, 'duplicate_reference', `a payout with reference ${reference} exists`);
    }
    const id = this.nextId('po');
    const created = this.now().toISOString();
    const memo = stringField(body, 'memo');
    const metadata = metadataField(body);
    const payout: MockWirePayout = {
      id,
      reference,
      status: 'queued',
      amount,
      currency: stringField(body, 'currency')!,
      network: stringField(body, 'network')!,
      address: stringField(body, 'address')!,
      ...(memo ? { memo } : {}),
      fee: '0.5',
      created_at: created,
      updated_at: created,
      ...(metadata ? { metadata } : {}),
    };
    this.payouts.set(id, payout);
    if (idempotencyKey) this.replies.set(idempotencyKey, id);
    return { status: 201, body: payout };
  }

  get(kind: 'payments' | 'payouts', id: string): MockApiAnswer {
    const object = kind === 'payments' ? this.payments.get(id) : this.payouts.get(id);
    return object
      ? { status: 200, body: object }
      : apiError(404, 'not_found', `no ${kind.slice(0, -1)} ${id}`);
  }

  /** Moves a payment or payout to `status`, filling in what a real provider would (amounts, txid). */
  setStatus(
    id: string,
    status: string,
    options: { receivedAmount?: string; txid?: string; failureReason?: string } = {},
  ): MockWirePayment | MockWirePayout {
    const updatedAt = this.now().toISOString();
    const payment = this.payments.get(id);
    if (payment) {
      const received =
        options.receivedAmount ?? receivedFor(status, payment.pay_amount, payment.received_amount);
      const moved = received !== undefined && !decimal.isZero(received);
      const txid = options.txid ?? payment.txid ?? (moved ? `0x${digest(`tx:${id}`)}` : undefined);
      const next: MockWirePayment = {
        ...payment,
        status,
        updated_at: updatedAt,
        ...(received !== undefined ? { received_amount: received } : {}),
        ...(txid ? { txid } : {}),
        ...(options.failureReason ? { failure_reason: options.failureReason } : {}),
      };
      this.payments.set(id, next);
      return next;
    }
    const payout = this.payouts.get(id);
    if (!payout) throw new Error(`mock API: no payment or payout ${id}`);
    const txid = options.txid ?? payout.txid ?? (status === 'sent' ? `0x${digest(`tx:${id}`)}` : undefined);
    const next: MockWirePayout = {
      ...payout,
      status,
      updated_at: updatedAt,
      ...(txid ? { txid } : {}),
      ...(options.failureReason ? { failure_reason: options.failureReason } : {}),
    };
    this.payouts.set(id, next);
    return next;
  }
}
