import { decodeCompositeId, encodeCompositeId, ValidationError } from '@paymux/core';

/** Which Defexa object a payment id points at. */
export type DefexaPaymentKind = 'charge' | 'deposit' | 'invoice';

/**
 * What a Defexa payment id carries. Only `kind`, `currency`, `orderNumber` (hosted) and
 * `address` (deposit) make the id: those are the fields that `createPayment`, the invoice
 * records (`getPayment`, `listPayments`) and the callbacks all know, so every path gives one
 * payment the same id. The other fields are only read from ids issued before (version 1).
 */
export interface DefexaPaymentKey {
  kind: DefexaPaymentKind;
  /**
   * What the payment is looked up by: the merchant reference of a version 1 id, else the order
   * number (hosted) or the address (deposit).
   */
  reference: string;
  currency: string;
  /** Defexa's `order_number` of the invoice (ids of invoices paymux did not create). */
  orderNumber?: string;
  /**
   * The merchant's `shop_order_id` of a charge paymux created: its id, known from `createPayment`
   * on, while Defexa's order number may only arrive with a callback.
   */
  shopOrderId?: string;
  /** Host-to-host static address. */
  address?: string;
  /** Version 1 ids only: the asked amount and its currency, when it differs from `currency`. */
  amount?: string;
  amountCurrency?: string;
  /** Version 1 ids only: the invoice (feed) id. */
  invoiceId?: string;
  /** Version 1 ids only: the host-to-host customer uid. */
  customerUid?: string;
}

const kindCodes = { charge: 'h', deposit: 'd', invoice: 'i' } as const satisfies Record<
  DefexaPaymentKind,
  string
>;

function compact(parts: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(parts).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/**
 * Encodes the canonical payment id: `dfx_<base64url JSON>` of `{"v":"2","k":"h","c":…,"o":…}`
 * for a hosted payment paymux did not create (charge or invoice alike: the records do not tell
 * them apart), `{"v":"2","k":"h","c":…,"s":…}` for a charge paymux created (by its
 * `shop_order_id`) and `{"v":"2","k":"d","c":…,"ad":…}` for a deposit address. Anything else in `key` is ignored, so
 * the id does not change as more becomes known about the payment.
 *
 * @example
 * encodeDefexaPaymentId({ kind: 'charge', reference: 'order-1', currency: 'ALGO', orderNumber: 'order-1' }) // 'dfx_eyJ2…'
 */
export function encodeDefexaPaymentId(key: DefexaPaymentKey): string {
  if (key.kind === 'deposit' && key.address !== undefined) {
    return encodeCompositeId('dfx', { v: '2', k: kindCodes.deposit, c: key.currency, ad: key.address });
  }
  const kind = key.kind === 'deposit' ? kindCodes.deposit : kindCodes.charge;
  if (key.shopOrderId !== undefined) {
    return encodeCompositeId('dfx', { v: '2', k: kind, c: key.currency, s: key.shopOrderId });
  }
  const orderNumber = key.orderNumber ?? key.reference;
  return encodeCompositeId('dfx', { v: '2', k: kind, c: key.currency, o: orderNumber });
}

/**
 * Encodes an id in the version 1 form (every field of `key`), as this adapter issued them
 * before the id became canonical. Only for tests of backward compatibility.
 */
export function encodeLegacyDefexaPaymentId(key: DefexaPaymentKey): string {
  return encodeCompositeId(
    'dfx',
    compact({
      k: kindCodes[key.kind],
      r: key.reference,
      c: key.currency,
      a: key.amount,
      ac: key.amountCurrency,
      o: key.orderNumber,
      n: key.invoiceId,
      u: key.customerUid,
      ad: key.address,
    }),
  );
}

/**
 * Decodes a payment id: the canonical form of {@link encodeDefexaPaymentId} or the version 1
 * form (with `r`, the merchant reference); a `ValidationError` otherwise.
 */
export function decodeDefexaPaymentId(id: string, provider?: string): DefexaPaymentKey {
  const parts = decodeCompositeId('dfx', id, provider);
  const kind = (Object.entries(kindCodes) as [DefexaPaymentKind, string][]).find(
    ([, code]) => code === parts.k,
  )?.[0];
  const invalid = () =>
    new ValidationError(`"${id}" is not a defexa payment id made by paymux`, { provider, field: 'id' });
  if (!kind || parts.c === undefined) throw invalid();
  if (parts.v === '2') {
    const reference = parts.s ?? parts.o ?? parts.ad;
    if (reference === undefined) throw invalid();
    return {
      kind,
      reference,
      currency: parts.c,
      ...(parts.s !== undefined ? { shopOrderId: parts.s } : {}),
      ...(parts.o !== undefined ? { orderNumber: parts.o } : {}),
      ...(parts.ad !== undefined ? { address: parts.ad } : {}),
    };
  }
  if (parts.r === undefined) throw invalid();
  return {
    kind,
    reference: parts.r,
    currency: parts.c,
    amount: parts.a,
    amountCurrency: parts.ac,
    orderNumber: parts.o,
    invoiceId: parts.n,
    customerUid: parts.u,
    address: parts.ad,
  };
}

/** What a Defexa payout id carries. */
export interface DefexaPayoutKey {
  /** The merchant reference (`order_number` of a single payout, `Comment` of a mass payout line). */
  reference: string;
  currency: string;
  /** The feed id, for `GET /api/v1/da/payouts/{id}`. */
  payoutId?: string;
  /** Defexa's payout token. */
  token?: string;
  /** The mass payout's order number and the line's position in it. */
  batchOrderNumber?: string;
  line?: string;
}

/** Encodes a payout id: `dfxpo_<base64url JSON>`. */
export function encodeDefexaPayoutId(key: DefexaPayoutKey): string {
  return encodeCompositeId(
    'dfxpo',
    compact({
      r: key.reference,
      c: key.currency,
      n: key.payoutId,
      t: key.token,
      b: key.batchOrderNumber,
      l: key.line,
    }),
  );
}

/** Decodes a payout id made by {@link encodeDefexaPayoutId}. */
export function decodeDefexaPayoutId(id: string, provider?: string): DefexaPayoutKey {
  const parts = decodeCompositeId('dfxpo', id, provider);
  if (parts.r === undefined || parts.c === undefined) {
    throw new ValidationError(`"${id}" is not a defexa payout id made by paymux`, { provider, field: 'id' });
  }
  return {
    reference: parts.r,
    currency: parts.c,
    payoutId: parts.n,
    token: parts.t,
    batchOrderNumber: parts.b,
    line: parts.l,
  };
}

/** What a Defexa mass payout id carries. */
export interface DefexaBatchKey {
  reference: string;
  currency: string;
  orderNumber?: string;
}

/** Encodes a mass payout id: `dfxmp_<base64url JSON>`. */
export function encodeDefexaBatchId(key: DefexaBatchKey): string {
  return encodeCompositeId('dfxmp', compact({ r: key.reference, c: key.currency, o: key.orderNumber }));
}

/** Decodes a mass payout id made by {@link encodeDefexaBatchId}. */
export function decodeDefexaBatchId(id: string, provider?: string): DefexaBatchKey {
  const parts = decodeCompositeId('dfxmp', id, provider);
  if (parts.r === undefined || parts.c === undefined) {
    throw new ValidationError(`"${id}" is not a defexa mass payout id made by paymux`, {
      provider,
      field: 'id',
    });
  }
  return { reference: parts.r, currency: parts.c, orderNumber: parts.o };
}
