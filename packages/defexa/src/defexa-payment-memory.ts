import { type AccountState, jsonTupleKey, type StoredValue } from '@paymux/core';
import { z } from 'zod';

// What the adapter must remember about the payments it created, kept in the account's durable
// state (`context.state`) so that a restarted process, or another instance on the same store,
// reads them back and confirms their callbacks. Values are plain JSON; a value that does not
// parse is treated as absent.

/** A hosted charge, keyed by the merchant's `shop_order_id`. */
export interface DefexaChargeMemo {
  currency: string;
  /** The amount asked, in `currency` (a charge is priced in the crypto it collects). */
  amount: string;
  /** Defexa's invoice `order_number` and `token`, once an API answer or a verified callback brings them. */
  orderNumber?: string;
  token?: string;
}

/** A customer's static deposit address, keyed by the address. */
export interface DefexaDepositMemo {
  /** The host-to-host customer uid the address was issued for. */
  uid: string;
  currency: string;
  /** The amount asked at `createPayment`, and its currency when it is not `currency`. */
  amount: string;
  amountCurrency?: string;
  /** The latest deposit to the address that a read-back confirmed. */
  orderNumber?: string;
  token?: string;
}

/** Which paymux payment a Defexa invoice (order number or token) belongs to. */
export type DefexaInvoiceOwner =
  | { kind: 'charge'; shopOrderId: string }
  | { kind: 'deposit'; address: string };

const text = z.string().min(1);
const chargeSchema = z.object({
  currency: text,
  amount: text,
  orderNumber: text.optional(),
  token: text.optional(),
});
const depositSchema = z.object({
  uid: text,
  currency: text,
  amount: text,
  amountCurrency: text.optional(),
  orderNumber: text.optional(),
  token: text.optional(),
});
const ownerSchema = z.union([
  z.object({ kind: z.literal('charge'), shopOrderId: text }),
  z.object({ kind: z.literal('deposit'), address: text }),
]);

const chargeKey = (shopOrderId: string) => jsonTupleKey(['defexa', 'charge', shopOrderId]);
const depositKey = (address: string) => jsonTupleKey(['defexa', 'deposit', address]);
const ownerKey = (by: 'order' | 'token', value: string) => jsonTupleKey(['defexa', by, value]);

function plain(value: object): StoredValue {
  return JSON.parse(JSON.stringify(value)) as StoredValue;
}

async function read<T>(state: AccountState, key: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const parsed = schema.safeParse(await state.get(key));
  return parsed.success ? parsed.data : undefined;
}

/** Where the adapter's memory of its payments lives. */
export class DefexaPaymentMemory {
  constructor(readonly state: AccountState) {}

  charge(shopOrderId: string): Promise<DefexaChargeMemo | undefined> {
    return read(this.state, chargeKey(shopOrderId), chargeSchema);
  }

  async saveCharge(shopOrderId: string, memo: DefexaChargeMemo): Promise<void> {
    await this.state.set(chargeKey(shopOrderId), plain(memo));
  }

  deposit(address: string): Promise<DefexaDepositMemo | undefined> {
    return read(this.state, depositKey(address), depositSchema);
  }

  async saveDeposit(address: string, memo: DefexaDepositMemo): Promise<void> {
    await this.state.set(depositKey(address), plain(memo));
  }

  /** The payment an order number or token was bound to, if any. */
  owner(by: 'order' | 'token', value: string | undefined): Promise<DefexaInvoiceOwner | undefined> {
    if (value === undefined) return Promise.resolve(undefined);
    return read(this.state, ownerKey(by, value), ownerSchema);
  }

  /**
   * Binds an order number or token to a payment, once: true when it is (now or already) bound to
   * `owner`, false when another payment holds it. Atomic over a shared store.
   */
  async bind(by: 'order' | 'token', value: string | undefined, owner: DefexaInvoiceOwner): Promise<boolean> {
    if (value === undefined) return true;
    if (await this.state.setIfAbsent(ownerKey(by, value), plain(owner))) return true;
    return sameOwner(await this.owner(by, value), owner);
  }
}

/** Whether two owners name the same payment. */
export function sameOwner(a: DefexaInvoiceOwner | undefined, b: DefexaInvoiceOwner | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a.kind === 'charge' && b.kind === 'charge') return a.shopOrderId === b.shopOrderId;
  if (a.kind === 'deposit' && b.kind === 'deposit') return a.address === b.address;
  return false;
}
