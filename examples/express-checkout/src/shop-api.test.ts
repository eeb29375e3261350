import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from './order-book';
import { type Shop, startShop } from './start-shop';

let shop: Shop;

beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
afterAll(async () => {
  await shop?.close();
});

async function createOrder(coin: string): Promise<Response> {
  return fetch(`${shop.url}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ coin }),
  });
}

async function waitForStatus(id: string, status: Order['paymentStatus']): Promise<Order> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const order = (await (await fetch(`${shop.url}/api/orders/${id}`)).json()) as Order;
    if (order.paymentStatus === status) return order;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`order ${id} never reached ${status}`);
}

describe('express-checkout shop API', () => {
  it('serves the shop page with the coins to choose from', async () => {
    const response = await fetch(shop.url);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    for (const coin of ['BTC', 'ETH', 'LTC', 'USDT']) expect(html).toContain(`<option value="${coin}">`);
  });

  it('opens an order, and the provider webhook marks it paid', async () => {
    const response = await createOrder('ETH');
    expect(response.status).toBe(201);
    const order = (await response.json()) as Order;
    expect(order).toMatchObject({ paymentStatus: 'requires_payment', coin: 'ETH' });
    expect(order.payTo?.amount?.currency).toBe('ETH');
    expect(order.checkoutUrl).toContain(shop.sandbox.url);

    const providerId = order.providerPaymentId ?? '';
    expect(providerId).not.toBe('');
    shop.sandbox.control.pay({ provider: 'forumpay', id: providerId, kind: 'exact' });
    shop.sandbox.control.confirm({ provider: 'forumpay', id: providerId });

    // Only the webhook moves the order on: the shop does not poll the provider.
    const delivery = await shop.sandbox.control.waitForWebhook({
      provider: 'forumpay',
      bodyIncludes: providerId,
      state: 'delivered',
    });
    expect(delivery.attempts.at(-1)?.status).toBe(200);
    await expect(waitForStatus(order.id, 'succeeded')).resolves.toMatchObject({ id: order.id });
  });

  it('refuses a coin the shop does not take, and an unknown order', async () => {
    const response = await createOrder('DOGE');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'choose one of BTC, ETH, LTC, USDT' });
    expect((await fetch(`${shop.url}/api/orders/order-nope`)).status).toBe(404);
  });

  it('does not mark an order paid on a forged "confirmed" webhook', async () => {
    const order = (await (await createOrder('BTC')).json()) as Order;
    const providerId = order.providerPaymentId ?? '';
    expect(providerId).not.toBe('');
    // ForumPay does not sign webhooks: paymux reads the payment back, so a forged claim changes nothing.
    const response = await fetch(shop.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        event: 'payment.confirmed',
        payment_id: providerId,
        pos_id: shop.sandbox.providers.forumpay.posId,
        status: 'Confirmed',
        reference_no: order.id,
      }),
    });
    // Accepted (so ForumPay stops retrying), but what paymux read back is the truth: still unpaid.
    expect(response.status).toBe(200);
    const after = (await (await fetch(`${shop.url}/api/orders/${order.id}`)).json()) as Order;
    expect(after.paymentStatus).toBe('requires_payment');
  });
});
