import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import seeds from './__fixtures__/seed-examples.json';
import { finraxSignature, startSandbox } from './index';
import type { Sandbox } from './sandbox-types';
import { shapeDifferences } from './test-support/json-shape';
import { type LoopbackReceiver, startLoopbackReceiver } from './test-support/loopback-receiver';

// The seeds' own example requests, sent to the emulators with only the host changed, plus what
// cannot be copied: live credentials (session token), the sandbox wallet's address and id, and the
// ids the sandbox itself issued. Responses must have the documented keys with the documented types.

let sandbox: Sandbox;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  sandbox = await startSandbox();
  receiver = await startLoopbackReceiver([200]);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

type Json = Record<string, unknown>;

async function defexa(path: string, body?: Json): Promise<Json> {
  const { baseUrl, merchantPrivateKey } = sandbox.providers.defexa;
  const response = await fetch(`${baseUrl}${path}`, {
    method: body === undefined && path !== '/api/v1/da/login' ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${merchantPrivateKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

describe('seed replay: Defexa', () => {
  it('answers every documented example with the documented shape', async () => {
    const { responses, requests } = seeds.defexa;
    const login = await defexa('/api/v1/da/login');
    expect(shapeDifferences(responses.login, login)).toEqual([]);
    const session = login.session_token as string;

    expect(shapeDifferences(responses.h2h, await defexa('/api/v1/payments', requests.h2h))).toEqual([]);
    expect(shapeDifferences(responses.charge, await defexa('/api/v1/charge', requests.charge))).toEqual([]);

    const wallets = await defexa(`/api/v1/da/wallets?session_token=${session}`);
    expect(shapeDifferences(responses.wallets, wallets)).toEqual([]);
    const algo = (
      wallets.wallets as Array<{ wallet: { id: number; currency: string; address: string } }>
    ).find((entry) => entry.wallet.currency === 'ALGO')!.wallet;

    const invoice = await defexa('/api/v1/da/invoices', {
      ...requests.invoiceCreate,
      session_token: session,
      from_wallet: algo.id,
    });
    expect(shapeDifferences(responses.invoiceCreate, invoice)).toEqual([]);
    const invoices = await defexa(`/api/v1/da/invoices?session_token=${session}`);
    expect(shapeDifferences(responses.invoicesList, invoices)).toEqual([]);
    const invoiceId = (invoices.invoices as Array<{ id: number }>)[0]!.id;
    expect(
      shapeDifferences(
        responses.invoiceFeed,
        await defexa(`/api/v1/da/invoices/${invoiceId}?session_token=${session}`),
      ),
    ).toEqual([]);

    const payoutBody = { ...requests.payoutCreate, session_token: session, from_address: algo.address };
    const payout = await defexa('/api/v1/da/payouts', payoutBody);
    expect(shapeDifferences(responses.payoutCreate, payout)).toEqual([]);
    expect(
      shapeDifferences(
        responses.payoutsList,
        await defexa(`/api/v1/da/payouts?session_token=${session}&type=single`),
      ),
    ).toEqual([]);
    const payoutId = (payout.payout as { core_id: number }).core_id;
    expect(
      shapeDifferences(
        responses.payoutFeed,
        await defexa(`/api/v1/da/payouts/${payoutId}?session_token=${session}`),
      ),
    ).toEqual([]);

    const mass = await defexa('/api/v1/da/mass_payouts', {
      ...requests.massCreate,
      session_token: session,
      from_address: algo.address,
    });
    expect(shapeDifferences(responses.massCreate, mass)).toEqual([]);
    const massList = await defexa(
      `/api/v1/da/mass_payouts?session_token=${session}&order_number=${mass.order_number as string}`,
    );
    expect(shapeDifferences(responses.massList, massList)).toEqual([]);
    const fee = await defexa('/api/v1/da/payouts/fee', {
      ...requests.fee,
      session_token: session,
      from_address: algo.address,
    });
    expect(shapeDifferences(responses.fee, fee)).toEqual([]);

    sandbox.control.hold({ provider: 'defexa', id: String(invoiceId) });
    sandbox.control.pay({ provider: 'defexa', id: String(invoiceId), amount: '10', confirmations: 1 });
    const aml = await defexa(`/api/v1/da/aml_refunds?session_token=${session}`);
    expect(shapeDifferences(responses.amlList, aml)).toEqual([]);
    const amlToken = (aml.payments as Array<{ token: string }>)[0]!.token;
    const refund = await defexa('/api/v1/da/aml_refunds', {
      ...requests.amlRefund,
      session_token: session,
      token: amlToken,
    });
    expect(shapeDifferences(responses.amlRefund, refund)).toEqual([]);
  });
});

async function forumpay(endpoint: string, query: string): Promise<unknown> {
  const { baseUrl, apiUser, apiSecret } = sandbox.providers.forumpay;
  const response = await fetch(`${baseUrl}${endpoint}/?${query}`, {
    headers: { authorization: `Basic ${Buffer.from(`${apiUser}:${apiSecret}`).toString('base64')}` },
  });
  const body = (await response.json()) as unknown;
  expect(body).not.toHaveProperty('err');
  return body;
}

describe('seed replay: ForumPay', () => {
  it('answers every documented example with the documented shape', async () => {
    const examples = seeds.forumpay;
    // NOTES.md [C]: CheckPayment numbers arrive as strings; GetTransactions is wrapped in `invoices`.
    const numbersAsStrings = ['$.confirmations', '$.min_confirmations'];
    expect(
      shapeDifferences(examples.GetRate.response, await forumpay('GetRate', examples.GetRate.query)),
    ).toEqual([]);
    const started = (await forumpay('StartPayment', examples.StartPayment.query)) as Json;
    expect(shapeDifferences(examples.StartPayment.response, started)).toEqual([]);
    const address = started.address as string;
    const withAddress = (query: string) => query.replace(/address=[^&]+/, `address=${address}`);
    const checked = await forumpay('CheckPayment', withAddress(examples.CheckPayment.query));
    expect(shapeDifferences(examples.CheckPayment.response, checked, numbersAsStrings)).toEqual([]);
    const cancelled = await forumpay('CancelPayment', withAddress(examples.CancelPayment.query));
    expect(shapeDifferences(examples.CancelPayment.response, cancelled)).toEqual([]);

    const acceptQuery = new URLSearchParams(examples.AcceptPayment.query);
    const underpaid = (await forumpay(
      'StartPayment',
      `pos_id=POS1&invoice_currency=EUR&invoice_amount=10.0&currency=BTC&payment_id=${acceptQuery.get('payment_id')}`,
    )) as Json;
    const paid = sandbox.control.pay({
      provider: 'forumpay',
      id: underpaid.payment_id as string,
      kind: 'short',
      confirmations: 1,
    });
    acceptQuery.set('address', underpaid.address as string);
    acceptQuery.set('accepted_amount', paid.receivedAmount!);
    expect(
      shapeDifferences(
        examples.AcceptPayment.response,
        await forumpay('AcceptPayment', acceptQuery.toString()),
      ),
    ).toEqual([]);
    const refundQuery = new URLSearchParams(examples.RefundPayment.query);
    refundQuery.set('refund_amount', paid.receivedAmount!);
    expect(
      shapeDifferences(
        examples.RefundPayment.response,
        await forumpay('RefundPayment', refundQuery.toString()),
      ),
    ).toEqual([]);

    const transactions = (await forumpay('GetTransactions', examples.GetTransactions.query)) as {
      invoices: unknown[];
    };
    expect(shapeDifferences(examples.GetTransactions.response, transactions.invoices)).toEqual([]);
  });
});

describe('seed replay: Finrax', () => {
  it('answers the documented PATCH example with the documented payment object', async () => {
    const { baseUrl, apiKey, apiSecret, businessId } = sandbox.providers.finrax;
    const send = async (method: string, path: string, body: Json) => {
      const text = JSON.stringify(body);
      const timestamp = String(Date.now());
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          authorization: `FRX-API API-Key=${apiKey},Signature=${finraxSignature(apiSecret, path, timestamp, text)},Timestamp=${timestamp}`,
        },
        body: text,
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Json;
    };
    const created = await send('POST', '/api/v1/payments', {
      clientPaymentId: 'test-payment-23-12-18-1',
      businessId,
      locale: 'en-US',
      displayCurrency: 'EUR',
      displayAmount: '50',
      redirectUrl: 'https://my-business.com/account?id=3423',
    });
    const paymentId = (created.paymentInfo as { paymentId: string }).paymentId;
    const patched = await send('PATCH', `/api/v1/payments/${paymentId}`, seeds.finrax.patchRequest);
    expect(shapeDifferences(seeds.finrax.patchResponse, patched)).toEqual([]);
  });
});

describe('seed replay: DePay', () => {
  it('answers the documented examples and calls back with the documented body', async () => {
    const { baseUrl, apiKey } = sandbox.providers.depay;
    const send = async (path: string, body?: unknown) => {
      const response = await fetch(`${baseUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, text: await response.text() };
    };
    const { depay } = seeds;
    const created = await send('/payments', { ...depay.createRequest, callback: `${receiver.url}/depay` });
    expect(created.status).toBe(201);
    expect(shapeDifferences(depay.createResponse, JSON.parse(created.text))).toEqual([]);
    sandbox.control.pay({
      provider: 'depay',
      id: depay.createRequest.uuid,
      confirmations: depay.createRequest.confirmations,
    });
    const [callback] = await receiver.waitFor(1);
    expect(shapeDifferences(depay.callbackBody, JSON.parse(callback?.body ?? '{}'))).toEqual([]);
    const shown = await send(`/payments/${depay.createRequest.uuid}`);
    expect(shapeDifferences(depay.showResponse, JSON.parse(shown.text))).toEqual([]);
    expect((await send('/payments/release', depay.releaseRequest)).status).toBe(200);
    const assets = await send('/accounts/ethereum/0x1db3439a222c519ab44bb1144fc28167b4fa6ee6/assets');
    expect(shapeDifferences(depay.assetsResponse, JSON.parse(assets.text))).toEqual([]);
    const price = await send('/prices/ethereum/0xa0bEd124a09ac2Bd941b10349d8d224fe3c955eb');
    expect(typeof JSON.parse(price.text)).toBe(typeof JSON.parse(depay.priceResponse));
  });
});
