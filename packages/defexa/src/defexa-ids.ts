import { decodeCompositeId, encodeCompositeId, ValidationError } from '@paymux/core';

/** Which Defexa object a payment id points at. */
export type DefexaPaymentKind = 'charge' | 'deposit' | 'invoice';

/** What a Defexa payment id carries: enough to read the payment back alone. */
export interface DefexaPaymentKey {
  kind: DefexaPaymentKind;
  /** The merchant reference. */
  reference: string;
  currency: string;
  /** The amount asked, when it is not on the Defexa record (deposit addresses). */
  amount?: string;
  /** The currency of `amount`, when it differs from `currency` (a fiat price). */
  amountCurrency?: string;
  /** Defexa's `order_number` of the invoice, once known. */
  orderNumber?: string;
  /** The invoice (feed) id, once known. */
  invoiceId?: string;
  /** Host-to-host customer uid and static address. */
  customerUid?: string;
  address?: string;
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
 * Encodes a payment id: `dfx_<base64url JSON>`.
 *
 * @example
 * encodeDefexaPaymentId({ kind: 'charge', reference: 'order-1', currency: 'ALGO' }) // 'dfx_eyJr…'
 */
export function encodeDefexaPaymentId(key: DefexaPaymentKey): string {
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

/** Decodes a payment id made by {@link encodeDefexaPaymentId}; a `ValidationError` otherwise. */
export function decodeDefexaPaymentId(id: string, provider?: string): DefexaPaymentKey {
  const parts = decodeCompositeId('dfx', id, provider);
  const kind = (Object.entries(kindCodes) as [DefexaPaymentKind, string][]).find(
    ([, code]) => code === parts.k,
  )?.[0];
  if (!kind || parts.r === undefined || parts.c === undefined) {
    throw new ValidationError(`"${id}" is not a defexa payment id made by paymux`, { provider, field: 'id' });
  }
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
