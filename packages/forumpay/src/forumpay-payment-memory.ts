import type { AccountState, Logger, StoredValue } from '@paymux/core';
import type { ForumpayPaymentLookup } from './forumpay-payment-id';

/**
 * What the adapter remembers about a ForumPay payment, in the account's durable state: its
 * currency and address (CheckPayment needs both, and ForumPay's notifications may name neither),
 * its merchant reference, and the refunds this adapter requested for it.
 */
export interface RememberedForumpayPayment extends ForumpayPaymentLookup {
  reference?: string | undefined;
  /** Refunds requested through `createRefund`: where each went and how much, by unified id. */
  refunds?: { id: string; addressOut: string; amount: string }[] | undefined;
}

const paymentKey = (paymentId: string) => `forumpay:payment:${paymentId}`;

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function readRefunds(value: unknown): RememberedForumpayPayment['refunds'] {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const { id, addressOut, amount } = item as Record<string, unknown>;
    return isText(id) && isText(addressOut) && isText(amount) ? [{ id, addressOut, amount }] : [];
  });
}

function toStored(payment: RememberedForumpayPayment): StoredValue {
  const stored: Record<string, StoredValue> = {
    paymentId: payment.paymentId,
    currency: payment.currency,
    address: payment.address,
  };
  if (payment.reference !== undefined) stored.reference = payment.reference;
  if (payment.refunds !== undefined) stored.refunds = payment.refunds.map((refund) => ({ ...refund }));
  return stored;
}

/**
 * The account's memory of ForumPay payments. Failures to write are logged, never thrown: the
 * provider already carried the call out, and the notification path can still find the payment
 * through GetTransactions.
 *
 * @example
 * const memory = createForumpayPaymentMemory(accountStateOrMemory(context), logger);
 * await memory.remember({ paymentId, currency: 'BTC', address, reference: 'order-1' });
 */
export function createForumpayPaymentMemory(state: AccountState, logger?: Logger) {
  async function recall(paymentId: string): Promise<RememberedForumpayPayment | undefined> {
    const value = await state.get(paymentKey(paymentId));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const { currency, address, reference, refunds } = value as Record<string, unknown>;
    if (!isText(currency) || !isText(address)) return undefined;
    return {
      paymentId,
      currency,
      address,
      reference: isText(reference) ? reference : undefined,
      refunds: readRefunds(refunds),
    };
  }

  async function remember(payment: RememberedForumpayPayment): Promise<void> {
    try {
      const known = await recall(payment.paymentId);
      await state.set(
        paymentKey(payment.paymentId),
        toStored({
          ...known,
          ...payment,
          reference: payment.reference ?? known?.reference,
          refunds: payment.refunds ?? known?.refunds,
        }),
      );
    } catch (error) {
      logger?.warn('forumpay could not remember a payment', {
        paymentId: payment.paymentId,
        error: String(error),
      });
    }
  }

  return {
    recall,
    remember,
    /** Adds a requested refund to the payment's memory. */
    async rememberRefund(
      lookup: ForumpayPaymentLookup,
      refund: { id: string; addressOut: string; amount: string },
    ): Promise<void> {
      const known = await recall(lookup.paymentId).catch(() => undefined);
      const refunds = [...(known?.refunds ?? []).filter((item) => item.id !== refund.id), refund];
      await remember({ ...lookup, reference: known?.reference, refunds });
    },
  };
}

/** The account's memory of ForumPay payments. */
export type ForumpayPaymentMemory = ReturnType<typeof createForumpayPaymentMemory>;
