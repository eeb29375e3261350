import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../index';
import type { Sandbox } from '../sandbox-types';
import { type LoopbackReceiver, startLoopbackReceiver } from '../test-support/loopback-receiver';

let sandbox: Sandbox;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.0001 });
  receiver = await startLoopbackReceiver([503, 200]);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

function basic(user?: string, secret?: string): string {
  const { apiUser, apiSecret } = sandbox.providers.forumpay;
  return `Basic ${Buffer.from(`${user ?? apiUser}:${secret ?? apiSecret}`).toString('base64')}`;
}

async function get(endpoint: string, params: Record<string, string>, authorization = basic()) {
  const url = `${sandbox.providers.forumpay.baseUrl}${endpoint}/?${new URLSearchParams(params)}`;
  const response = await fetch(url, { headers: { authorization } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function postForm(endpoint: string, params: Record<string, string>) {
  const response = await fetch(`${sandbox.providers.forumpay.baseUrl}${endpoint}/`, {
    method: 'POST',
    headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function start(extra: Record<string, string> = {}) {
  const { posId } = sandbox.providers.forumpay;
  return postForm('StartPayment', {
    pos_id: posId,
    invoice_currency: 'EUR',
    invoice_amount: '48.25',
    currency: 'BTC',
    reference_no: 'ref-1',
    webhook_url: `${receiver.url}/forumpay`,
    ...extra,
  });
}

describe('ForumPay emulator', () => {
  it('refuses missing and wrong Basic credentials with {err, err_code}', async () => {
    const missing = await fetch(`${sandbox.providers.forumpay.baseUrl}GetCurrencyList/`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ err: 'No api key' });
    const wrong = await get('GetCurrencyList', {}, basic('x', 'y'));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toHaveProperty('err');
    expect((await get('GetCurrencyList', { pos_id: 'web' })).status).toBe(200);
  });

  it('answers validation errors as {err, err_code} and numbers as strings', async () => {
    const bad = await get('GetRate', { pos_id: 'web', invoice_currency: 'EUR', currency: 'BTC' });
    expect(bad.body).toMatchObject({
      err: 'Missing parameter: invoice_amount',
      err_code: 'missing_parameter',
    });
    const rate = await get('GetRate', {
      pos_id: 'web',
      invoice_currency: 'EUR',
      invoice_amount: '48.25',
      currency: 'BTC',
    });
    expect(rate.status).toBe(200);
    for (const key of ['invoice_amount', 'rate', 'amount_exchange', 'network_processing_fee', 'amount']) {
      expect(typeof rate.body[key]).toBe('string');
    }
    const unknown = await get('CheckPayment', { pos_id: 'web', payment_id: 'nope', currency: 'BTC' });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ err: 'Payment not found' });
  });

  it('goes waiting → underpayment → confirmed, and accepts GET and POST', async () => {
    const started = await start();
    expect(started.body).toMatchObject({
      min_confirmations: 1,
      access_url: expect.stringContaining('/forumpay/pgw/pay'),
    });
    const paymentId = started.body.payment_id as string;
    const check = () =>
      get('CheckPayment', {
        pos_id: 'web',
        currency: 'BTC',
        payment_id: paymentId,
        address: started.body.address as string,
      });
    expect((await check()).body).toMatchObject({ state: 'waiting', payment: '0.00000000', confirmed: false });
    sandbox.control.pay({ provider: 'forumpay', id: paymentId, kind: 'short' });
    const underpaid = (await check()).body;
    expect(underpaid).toMatchObject({ state: 'underpayment', confirmations: '0', min_confirmations: '1' });
    expect(underpaid.underpayment).toMatchObject({ missing_amount: expect.any(String) });
    const missing = (underpaid.underpayment as { missing_amount: string }).missing_amount;
    sandbox.control.pay({ provider: 'forumpay', id: paymentId, amount: missing, confirmations: 1 });
    expect((await check()).body).toMatchObject({ state: 'confirmed', confirmed: true, status: 'Confirmed' });

    const events = await receiver.waitFor(3);
    const bodies = events.map((event) => JSON.parse(event.body) as Record<string, unknown>);
    expect(bodies.map((body) => body.event)).toEqual(
      expect.arrayContaining(['payment.underpaid', 'payment.confirmed']),
    );
    expect(bodies[0]).toMatchObject({
      payment_id: paymentId,
      pos_id: 'web',
      currency: 'BTC',
      reference_no: 'ref-1',
    });
    await vi.waitFor(() => {
      const retried = sandbox.control.webhooks({ provider: 'forumpay', event: 'payment.underpaid' })[0];
      expect(retried?.attempts.map((attempt) => attempt.status)).toEqual([503, 200]);
    });

    const refund = await get('RefundPayment', {
      pos_id: 'web',
      currency: 'BTC',
      payment_id: paymentId,
      address_out: 'bc1qx',
      refund_amount: '0.0001',
    });
    expect(refund.body).toEqual({ wait_time: '120 minutes' });
    const list = await get('GetTransactions', { offset: '0', limit: '5' });
    expect((list.body.invoices as Array<Record<string, unknown>>)[0]).toMatchObject({
      payment_id: paymentId,
      state: 'confirmed',
    });
  });

  it('accepts an underpayment, cancels only unpaid payments, and blocks on KYT hold', async () => {
    const first = (await start()).body;
    const id = first.payment_id as string;
    const paid = sandbox.control.pay({ provider: 'forumpay', id, kind: 'short', confirmations: 1 });
    const address = first.address as string;
    const cancel = await get('CancelPayment', { pos_id: 'web', currency: 'BTC', payment_id: id, address });
    expect(cancel.body).toHaveProperty('err');
    const accepted = await get('AcceptPayment', {
      pos_id: 'web',
      currency: 'BTC',
      payment_id: id,
      address,
      accepted_amount: paid.receivedAmount!,
    });
    expect(accepted.body).toEqual({ success: true });
    expect(sandbox.control.inspect({ provider: 'forumpay', id }).status).toBe('confirmed');

    const second = (await start()).body;
    expect(
      (
        await get('CancelPayment', {
          pos_id: 'web',
          currency: 'BTC',
          payment_id: second.payment_id as string,
          address: second.address as string,
          reason: 'other',
        })
      ).body,
    ).toMatchObject({ cancelled: true });
    const third = (await start()).body.payment_id as string;
    expect(sandbox.control.hold({ provider: 'forumpay', id: third }).status).toBe('blocked');
    const fourth = (await start()).body.payment_id as string;
    expect(sandbox.control.expire({ provider: 'forumpay', id: fourth }).status).toBe('cancelled');
  });
});
