import { randomUUID } from 'node:crypto';
import { finalPaymentStatuses, type Money, type PaymentStatus } from '@paymux/core';

/** One order of the shop, as the shop page shows it. */
export interface Order {
  /** Also the payment's `reference`, which is how webhooks find the order again. */
  id: string;
  product: string;
  price: Money;
  /** The coin the customer chose. */
  coin: string;
  /** The unified status of the order's payment. */
  paymentStatus: PaymentStatus;
  /** paymux's payment id, for `paymux.getPayment`. */
  paymentId?: string;
  /** The provider's own id of the payment, as its dashboard and support know it. */
  providerPaymentId?: string;
  /** Where to send the coins: the address, and the exact amount in the chosen coin. */
  payTo?: { address: string; amount?: Money };
  /** The provider's hosted payment page. */
  checkoutUrl?: string;
  /** When the order was last changed (ISO). */
  updatedAt: string;
}

/**
 * The shop's orders, in memory: a real shop keeps them in its database. Status updates arrive
 * from webhooks in any order, so a final state is never overwritten by an earlier one.
 */
export class OrderBook {
  readonly #orders = new Map<string, Order>();

  /** Opens an order for a product; it waits for its payment. */
  open(product: string, price: Money, coin: string): Order {
    const order: Order = {
      id: `order-${randomUUID().slice(0, 8)}`,
      product,
      price,
      coin,
      paymentStatus: 'requires_payment',
      updatedAt: new Date().toISOString(),
    };
    this.#orders.set(order.id, order);
    return order;
  }

  get(id: string): Order | undefined {
    return this.#orders.get(id);
  }

  /** Records what is known about the order's payment. Unknown orders (another shop's) are ignored. */
  update(id: string, change: Partial<Omit<Order, 'id' | 'product' | 'price' | 'coin'>>): Order | undefined {
    const order = this.#orders.get(id);
    if (!order) return undefined;
    // A final state (paid, failed, cancelled) stays: a late or reordered webhook cannot undo it.
    const settled = finalPaymentStatuses.has(order.paymentStatus);
    const next: Order = {
      ...order,
      ...change,
      paymentStatus: settled ? order.paymentStatus : (change.paymentStatus ?? order.paymentStatus),
      updatedAt: new Date().toISOString(),
    };
    this.#orders.set(id, next);
    return next;
  }
}
