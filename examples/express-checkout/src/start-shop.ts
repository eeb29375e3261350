import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPaymux, type Paymux } from '@paymux/client';
import { type Money, PaymuxError } from '@paymux/core';
import { plugin as forumpay } from '@paymux/forumpay';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import express from 'express';
import { OrderBook, type Order } from './order-book';
import { renderShopPage, type ShopCatalog } from './shop-page';

/** The paymux account the shop takes payments with. */
export const SHOP_ACCOUNT = 'shop';

/** What `startShop` takes. */
export interface ShopOptions {
  /** Port on 127.0.0.1; `0` (the default) picks a free one. */
  port?: number;
  /** A running sandbox to use; without one the shop starts (and later closes) its own. */
  sandbox?: Sandbox;
  /** What the shop sells. Default: one T-shirt for 25.00 EUR, payable in BTC, ETH, LTC or USDT. */
  catalog?: ShopCatalog;
}

/** A running shop. */
export interface Shop {
  /** `http://127.0.0.1:<port>`: the shop page. */
  url: string;
  /** Where the provider sends its webhooks. */
  webhookUrl: string;
  sandbox: Sandbox;
  paymux: Paymux;
  orders: OrderBook;
  /** Stops the shop (and the sandbox, when the shop started it). */
  close(): Promise<void>;
}

export const defaultCatalog: ShopCatalog = {
  product: 'paymux T-shirt',
  price: { amount: '25.00', currency: 'EUR' } satisfies Money,
  coins: ['BTC', 'ETH', 'LTC', 'USDT'],
};

/**
 * Starts the example shop: an Express app with the shop page, a small JSON API for orders, and
 * the webhook endpoint, taking payments through ForumPay on `@paymux/sandbox`.
 *
 * @example
 * const shop = await startShop({ port: 3000 });
 * console.log(`open ${shop.url}`);
 * await shop.close();
 */
export async function startShop(options: ShopOptions = {}): Promise<Shop> {
  const ownSandbox = options.sandbox === undefined;
  const sandbox = options.sandbox ?? (await startSandbox());
  const catalog = options.catalog ?? defaultCatalog;
  const { baseUrl, apiUser, apiSecret, posId } = sandbox.providers.forumpay;
  const paymux = createPaymux({
    plugins: [forumpay],
    providers: { [SHOP_ACCOUNT]: { type: 'forumpay', user: apiUser, secret: apiSecret, posId, baseUrl } },
    // The sandbox forgets its payments when it stops; a real shop leaves `store` out (.paymux/state.db).
    store: 'memory:',
  });
  const orders = new OrderBook();

  // Every verified, new payment state (from a webhook or an API answer) moves its order on.
  paymux.on('event', (event) => {
    if (event.object !== 'payment') return;
    orders.update(event.data.reference, { paymentStatus: event.data.status });
  });

  const app = express();
  let webhookUrl = '';

  app.get('/', (_request, response) => {
    response.type('html').send(renderShopPage(catalog));
  });

  app.post('/api/orders', express.json(), async (request, response) => {
    const coin: unknown = request.body?.coin;
    if (typeof coin !== 'string' || !catalog.coins.includes(coin)) {
      response.status(400).json({ error: `choose one of ${catalog.coins.join(', ')}` });
      return;
    }
    const order = orders.open(catalog.product, catalog.price, coin);
    try {
      const payment = await paymux.createPayment({
        reference: order.id,
        amount: catalog.price,
        payWith: { symbol: coin },
        description: catalog.product,
        webhookUrl,
      });
      const updated = orders.update(order.id, {
        paymentStatus: payment.status,
        paymentId: payment.id,
        providerPaymentId: payment.providerPaymentId,
        ...(payment.payIn?.address
          ? {
              payTo: {
                address: payment.payIn.address,
                ...(payment.payIn.amount ? { amount: payment.payIn.amount } : {}),
              },
            }
          : {}),
        ...(payment.checkoutUrl ? { checkoutUrl: payment.checkoutUrl } : {}),
      });
      response.status(201).json(updated);
    } catch (error) {
      // paymux errors carry no secrets, so their message is safe to show.
      const message = PaymuxError.is(error) ? error.message : 'payment could not be started';
      orders.update(order.id, { paymentStatus: 'failed' });
      response.status(502).json({ error: message });
    }
  });

  app.get('/api/orders/:id', (request, response) => {
    const order: Order | undefined = orders.get(request.params.id);
    if (!order) response.status(404).json({ error: 'no such order' });
    else response.json(order);
  });

  // The raw body, untouched: the webhook is verified against exactly the bytes the provider sent.
  app.post('/webhooks/forumpay', express.raw({ type: '*/*' }), async (request, response) => {
    const result = await paymux.webhooks.handle(SHOP_ACCOUNT, {
      rawBody: request.body as Buffer,
      headers: request.headers,
    });
    response.status(result.status).set(result.headers).send(result.body);
  });

  const server = await listen(app, options.port ?? 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  webhookUrl = `${url}/webhooks/forumpay`;

  return {
    url,
    webhookUrl,
    sandbox,
    paymux,
    orders,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      if (ownSandbox) await sandbox.close();
    },
  };
}

function listen(app: express.Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1', (error?: Error) =>
      error ? reject(error) : resolve(server),
    );
  });
}
