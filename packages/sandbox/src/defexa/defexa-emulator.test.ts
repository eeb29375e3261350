import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../index';
import type { Sandbox } from '../sandbox-types';
import { type LoopbackReceiver, startLoopbackReceiver } from '../test-support/loopback-receiver';

let sandbox: Sandbox;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.00002, defexa: { sessionLifetimeMs: 60_000 } });
  receiver = await startLoopbackReceiver([500, 500, 200]);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

async function call(path: string, init: { method?: string; body?: unknown; key?: string } = {}) {
  const { baseUrl, merchantPrivateKey } = sandbox.providers.defexa;
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      authorization: `Bearer ${init.key ?? merchantPrivateKey}`,
      'content-type': 'application/json',
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function login(): Promise<string> {
  const { body } = await call('/api/v1/da/login', { method: 'POST' });
  return body.session_token as string;
}

describe('Defexa emulator', () => {
  it('accepts the merchant key and refuses a wrong one with the engine error shape', async () => {
    const ok = await call('/api/v1/da/login', { method: 'POST' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ success: true, status: 200, user_id: expect.any(Number) });
    expect(ok.body.expiration).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    const refused = await call('/api/v1/da/login', { method: 'POST', key: 'wrong' });
    expect(refused).toEqual({
      status: 403,
      body: {
        success: false,
        result: 1,
        status: 403,
        errors: [{ code: 'incorrect_private_key', kind: 'authentication_error' }],
      },
    });
  });

  it('needs a live session on /da calls and expires it with the clock', async () => {
    expect((await call('/api/v1/da/wallets')).body.errors).toEqual([
      { code: 'session_token_missing', kind: 'authentication_error' },
    ]);
    const token = await login();
    expect((await call(`/api/v1/da/wallets?session_token=${token}`)).status).toBe(200);
    sandbox.control.advanceTime(61_000);
    const expired = await call(`/api/v1/da/wallets?session_token=${token}`);
    expect(expired.status).toBe(403);
    expect(expired.body.errors).toEqual([{ code: 'session_expired', kind: 'authentication_error' }]);
  });

  it('validates a charge in its own error shape', async () => {
    const bad = await call('/api/v1/charge', { body: { amount: -1, currency: 'ALGO' } });
    expect(bad.status).toBe(403);
    expect(bad.body.errors).toEqual([{ code: 'incorrect_amount', kind: 'invalid_request_error' }]);
    const badCurrency = await call('/api/v1/charge', { body: { amount: 10, currency: 'DOGE' } });
    expect(badCurrency.body.errors).toEqual([{ code: 'incorrect_currency', kind: 'invalid_request_error' }]);
  });

  it('moves a widget invoice through pending and approved, notifying with retries', async () => {
    const created = await call('/api/v1/charge', {
      body: {
        amount: 10,
        currency: 'ALGO',
        callback_url: `${receiver.url}/defexa`,
        redirect_fail_url: `${receiver.url}/fail`,
        redirect_success_url: `${receiver.url}/ok`,
        shop_order_id: 'order-1',
      },
    });
    expect(created.body).toMatchObject({
      status: 'success',
      redirect_url: expect.stringContaining('/defexa/charge_requests?'),
    });
    const short = sandbox.control.pay({ provider: 'defexa', id: 'order-1', kind: 'short', confirmations: 1 });
    expect(short).toMatchObject({ status: 'pending', receivedAmount: '9' });
    const paid = sandbox.control.pay({ provider: 'defexa', id: 'order-1', amount: '1' });
    expect(paid.status).toBe('pending');
    expect(sandbox.control.confirm({ provider: 'defexa', id: 'order-1' }).status).toBe('approved');

    // The engine numbers its own invoices: the order number is not the shop order id, and the
    // checkout URL carries only the invoice token.
    const invoiceToken = new URL(created.body.redirect_url as string).searchParams.get('token')!;
    const engine = await call(`/api/v1/payments/${invoiceToken}`);
    expect(engine.body.payment).toMatchObject({ token: invoiceToken, status: 'approved', net_amount: 10 });
    const orderNumber = (engine.body.payment as { order_number: string }).order_number;
    expect(orderNumber).not.toBe('order-1');
    const token = await login();
    const list = await call(`/api/v1/da/invoices?session_token=${token}&order_number=${orderNumber}`);
    const invoices = list.body.invoices as Array<Record<string, unknown>>;
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      order_number: orderNumber,
      status: 1,
      currency: 'ALGO',
      type: 'charge new',
      to_account: null,
      api_payment_token: null,
    });
    // Only what the seed's invoice records show: no state name, no received amount.
    expect(invoices[0]).not.toHaveProperty('state');
    expect(invoices[0]).not.toHaveProperty('received_amount');

    const delivery = await sandbox.control.waitForWebhook(
      { provider: 'defexa', event: 'pay.approved', state: 'delivered' },
      5_000,
    );
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual(expect.arrayContaining([200]));
    const body = JSON.parse(delivery.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      callback_type: 'pay',
      status: 'approved',
      order_number: orderNumber,
      shop_order_id: 'order-1',
      token: invoiceToken,
      net_amount: '10',
    });
    expect(typeof body.signature).toBe('string');
    // The receiver failed its first two requests: those deliveries are retried until a 200.
    await vi.waitFor(() => {
      const retried = sandbox.control
        .webhooks({ provider: 'defexa', bodyIncludes: 'order-1', state: 'delivered' })
        .filter((item) => item.attempts.length > 1);
      expect(retried.length).toBeGreaterThan(0);
      expect(retried[0]?.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    }, 5_000);
  });

  it('holds a payment for AML and declines it when refunded', async () => {
    const token = await login();
    const wallets = (await call(`/api/v1/da/wallets?session_token=${token}`)).body.wallets as Array<{
      wallet: { id: number; currency: string; address: string };
    }>;
    const algo = wallets.find((entry) => entry.wallet.currency === 'ALGO')!.wallet;
    const created = await call('/api/v1/da/invoices', {
      body: {
        session_token: token,
        type: 'SINGLE',
        currency: 'ALGO',
        description: 'aml',
        from_wallet: algo.id,
        amount: 5,
      },
    });
    const url = new URL(created.body.url as string);
    const invoiceToken = url.searchParams.get('token')!;
    sandbox.control.hold({ provider: 'defexa', id: invoiceToken });
    expect(sandbox.control.pay({ provider: 'defexa', id: invoiceToken, confirmations: 1 }).status).toBe(
      'pending (AML hold)',
    );
    const pending = (await call(`/api/v1/da/aml_refunds?session_token=${token}`)).body.payments as Array<{
      token: string;
      order_number: string;
    }>;
    const held = pending.find((item) => item.token === invoiceToken)!;
    expect(held).toBeDefined();
    const refund = await call('/api/v1/da/aml_refunds', {
      body: { session_token: token, token: held.token, to_address: 'ADDR' },
    });
    expect(refund.body).toEqual({ success: true, result: 0, status: 200 });
    expect(sandbox.control.inspect({ provider: 'defexa', id: invoiceToken }).status).toBe('declined');
  });

  it('delivers a deposit to a static address: the callback and the engine payment say what arrived, records do not', async () => {
    const h2h = await call('/api/v1/payments', {
      body: { currency: 'ETH', callbackUrl: `${receiver.url}/defexa-h2h`, customer: { uid: 'cust-over' } },
    });
    const address = (h2h.body.customer as { address: string }).address;
    sandbox.control.pay({ provider: 'defexa', id: address, amount: '0.7', confirmations: 1 });
    const delivery = await sandbox.control.waitForWebhook(
      { provider: 'defexa', event: 'pay.approved', bodyIncludes: 'cust-over' },
      5_000,
    );
    const body = JSON.parse(delivery.body) as Record<string, string>;
    // No shop order id for a deposit: sent empty, never made up from the order number.
    expect(body).toMatchObject({ address, client_uid: 'cust-over', shop_order_id: '', net_amount: '0.7' });
    const engine = await call(`/api/v1/payments/${body.token}`);
    expect(engine.body.payment).toMatchObject({
      address,
      order_number: body.order_number,
      status: 'approved',
    });
    const token = await login();
    const list = await call(`/api/v1/da/invoices?session_token=${token}&order_number=${body.order_number}`);
    // The seed's records do not name the address a deposit reached.
    expect((list.body.invoices as Array<Record<string, unknown>>)[0]).toMatchObject({
      type: 'charge new',
      to_account: null,
      btc_address: null,
    });
  });

  it('creates, approves and declines payouts, refusing an overdraft', async () => {
    const token = await login();
    const wallets = (await call(`/api/v1/da/wallets?session_token=${token}`)).body.wallets as Array<{
      wallet: { currency: string; address: string };
    }>;
    const from = wallets.find((entry) => entry.wallet.currency === 'ALGO')!.wallet.address;
    const payout = await call('/api/v1/da/payouts', {
      body: {
        session_token: token,
        from_address: from,
        target_address: 'TARGET',
        amount: 10,
        currency: 'ALGO',
        order_number: 'p-1',
        callback_url: `${receiver.url}/payout`,
      },
    });
    expect(payout.body).toMatchObject({ success: true, payout: { status: 'pending' } });
    const duplicate = await call('/api/v1/da/payouts', {
      body: {
        session_token: token,
        from_address: from,
        target_address: 'TARGET',
        amount: 10,
        currency: 'ALGO',
        order_number: 'p-1',
      },
    });
    expect(duplicate.body.errors).toEqual([
      { code: 'order_number_already_exists', kind: 'invalid_request_error' },
    ]);
    const overdraft = await call('/api/v1/da/payouts', {
      body: {
        session_token: token,
        from_address: from,
        target_address: 'TARGET',
        amount: 1_000_000,
        currency: 'ALGO',
      },
    });
    expect(overdraft.body.errors).toEqual([{ code: 'amount_less_than_balance', kind: 'processing_error' }]);
    expect(sandbox.control.approvePayout({ provider: 'defexa', id: 'p-1' }).status).toBe('approved');
    const feed = await call(
      `/api/v1/da/payouts/${(payout.body.payout as { core_id: number }).core_id}?session_token=${token}`,
    );
    expect((feed.body.feed as Array<Record<string, unknown>>)[0]).toMatchObject({
      status: 1,
      order_number: 'p-1',
    });
    const declinedByPan = await call('/api/v1/da/payouts', {
      body: {
        session_token: token,
        from_address: from,
        target_address: '4968357931420422',
        amount: 1,
        currency: 'ALGO',
        order_number: 'p-2',
      },
    });
    expect(declinedByPan.status).toBe(200);
    expect(sandbox.control.inspect({ provider: 'defexa', id: 'p-2', kind: 'payout' }).status).toBe(
      'declined',
    );
  });
});
