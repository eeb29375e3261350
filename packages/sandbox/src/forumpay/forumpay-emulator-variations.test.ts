import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../index';
import type { Sandbox } from '../sandbox-types';
import { type LoopbackReceiver, startLoopbackReceiver } from '../test-support/loopback-receiver';

// What the seed leaves open, varied so that an adapter which guesses fails: notifications without
// `address`, accounts with more than 100 transactions, StartPayment as GET query or POST form,
// errors sent with HTTP 200, and refunds visible in GetTransactions only.

let sandbox: Sandbox;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.0001 });
  receiver = await startLoopbackReceiver([200]);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

function authorization(): string {
  const { apiUser, apiSecret } = sandbox.providers.forumpay;
  return `Basic ${Buffer.from(`${apiUser}:${apiSecret}`).toString('base64')}`;
}

async function call(
  endpoint: string,
  params: Record<string, string>,
  method: 'GET' | 'POST' = 'GET',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const base = `${sandbox.providers.forumpay.baseUrl}${endpoint}/`;
  const query = new URLSearchParams(params).toString();
  const response =
    method === 'GET'
      ? await fetch(`${base}?${query}`, { headers: { authorization: authorization() } })
      : await fetch(base, {
          method: 'POST',
          headers: { authorization: authorization(), 'content-type': 'application/x-www-form-urlencoded' },
          body: query,
        });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const startParams = (reference: string, extra: Record<string, string> = {}) => ({
  pos_id: 'web',
  invoice_currency: 'EUR',
  invoice_amount: '10.00',
  currency: 'BTC',
  reference_no: reference,
  ...extra,
});

describe('ForumPay emulator: what the seed leaves open', () => {
  it('starts payments from a GET query and from a POST form alike', async () => {
    const viaGet = await call('StartPayment', startParams('get-1'));
    const viaPost = await call('StartPayment', startParams('post-1'), 'POST');
    for (const started of [viaGet, viaPost]) {
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({ address: expect.any(String), payment_id: expect.any(String) });
    }
  });

  it('notifies without address, so a receiver must know or find it', async () => {
    const started = await call(
      'StartPayment',
      startParams('hook-1', { webhook_url: `${receiver.url}/forumpay` }),
      'POST',
    );
    const paymentId = started.body.payment_id as string;
    sandbox.control.pay({ provider: 'forumpay', id: paymentId, kind: 'exact', confirmations: 1 });
    const [delivery] = await receiver.waitFor(1);
    const body = JSON.parse(delivery!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ event: 'payment.confirmed', payment_id: paymentId, currency: 'BTC' });
    expect(body).not.toHaveProperty('address');
  });

  it('needs the address on CheckPayment, and answers business errors with HTTP 200 and err', async () => {
    const started = (await call('StartPayment', startParams('err-1'))).body;
    const lookup = { pos_id: 'web', currency: 'BTC', payment_id: started.payment_id as string };
    const withoutAddress = await call('CheckPayment', lookup);
    expect(withoutAddress.body).toMatchObject({ err: 'Missing parameter: address' });
    sandbox.control.pay({ provider: 'forumpay', id: lookup.payment_id, kind: 'exact', confirmations: 1 });
    const cancel = await call('CancelPayment', { ...lookup, address: started.address as string });
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ err: expect.any(String), err_code: 'payment_not_cancellable' });
  });

  it('keeps more than 100 transactions, newest first, paged by offset; reference_no does not filter', async () => {
    const oldest = (await call('StartPayment', startParams('old-order'))).body.payment_id as string;
    for (let index = 0; index < 105; index += 1) await call('StartPayment', startParams(`bulk-${index}`));
    const first = (await call('GetTransactions', { offset: '0', limit: '100' })).body.invoices as unknown[];
    expect(first).toHaveLength(100);
    const ids = (invoices: unknown) =>
      (invoices as { payment_id: string }[]).map((invoice) => invoice.payment_id);
    expect(ids(first)).not.toContain(oldest);
    const later = (await call('GetTransactions', { offset: '100', limit: '100' })).body.invoices;
    expect(ids(later)).toContain(oldest);
    // The seed lists no reference_no filter for GetTransactions: it is ignored.
    const filtered = (await call('GetTransactions', { offset: '0', limit: '100', reference_no: 'old-order' }))
      .body.invoices;
    expect(ids(filtered)).toHaveLength(100);
  });

  it('shows a refund in GetTransactions, while CheckPayment keeps only refund_amount_opened', async () => {
    const started = (await call('StartPayment', startParams('refund-1'))).body;
    const paymentId = started.payment_id as string;
    const paid = sandbox.control.pay({
      provider: 'forumpay',
      id: paymentId,
      kind: 'exact',
      confirmations: 1,
    });
    const refund = await call('RefundPayment', {
      pos_id: 'web',
      currency: 'BTC',
      payment_id: paymentId,
      address_out: 'bc1qrefund',
      refund_amount: paid.receivedAmount!,
    });
    expect(refund.body).toEqual({ wait_time: '120 minutes' });
    const checked = await call('CheckPayment', {
      pos_id: 'web',
      currency: 'BTC',
      payment_id: paymentId,
      address: started.address as string,
    });
    expect(checked.body).toHaveProperty('refund_amount_opened', '0.00000000');
    expect(checked.body).not.toHaveProperty('refund');
    expect(checked.body).not.toHaveProperty('refund_status');
    const invoices = (await call('GetTransactions', { pos_id: 'web', offset: '0', limit: '5' })).body
      .invoices as Record<string, unknown>[];
    expect(invoices.find((invoice) => invoice.payment_id === paymentId)).toMatchObject({
      refund_status: 'Pending',
      refund: paid.receivedAmount,
    });
  });

  it('requires pos_id on GetCurrencyList, as the seed says of every call', async () => {
    expect((await call('GetCurrencyList', {})).body).toMatchObject({ err: 'Missing parameter: pos_id' });
  });
});
