import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEvent } from '@paymux/core';
import { type DepayApi, depay, depayReleaseRequest } from '@paymux/depay';
import { plugin as forumpay } from '@paymux/forumpay';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymux } from '../client/create-paymux';
import type { Paymux } from '../client/paymux-client';

// The real adapters behind the client's node:http handler, against the sandbox: each provider
// gets the answer it expects for a delivery.

const RECEIVER = '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0';

let sandbox: Sandbox;
let server: Server;
let hooks: string;
let paymux: Paymux;
const events: WebhookEvent[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
  const { depay: depayInfo, forumpay: forumpayInfo } = sandbox.providers;
  const depayAccount = {
    type: 'depay' as const,
    apiKey: depayInfo.apiKey,
    baseUrl: depayInfo.baseUrl,
    publicKey: depayInfo.callbackPublicKey,
    wallets: [{ network: 'ethereum', address: RECEIVER }],
  };
  paymux = createPaymux({
    store: 'memory:',
    plugins: [depay, forumpay],
    providers: {
      wallet: depayAccount,
      held: { ...depayAccount, callbackAnswer: 'hold' },
      pos: {
        type: 'forumpay',
        user: forumpayInfo.apiUser,
        secret: forumpayInfo.apiSecret,
        posId: forumpayInfo.posId,
        baseUrl: forumpayInfo.baseUrl,
      },
    },
  });
  paymux.on('*', (event) => {
    events.push(event);
  });
  // One endpoint per account: /hooks/<account>.
  server = createServer(paymux.webhooks.toNodeHandler((request) => request.url!.split('/')[2]!));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hooks = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await sandbox?.close();
});

function trackDepay(account: 'wallet' | 'held', reference: string) {
  return paymux.createPayment(
    {
      reference,
      amount: { amount: '25.5', currency: 'USDT' },
      payWith: { symbol: 'USDT', network: 'ethereum' },
      webhookUrl: `${hooks}/${account}`,
      providerOptions: {
        depay: {
          transaction: `0x${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`,
          sender: '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6',
          nonce: 5,
          afterBlock: 13542983,
        },
      },
    },
    { account },
  );
}

const delivered = (provider: 'depay' | 'forumpay', id: string) =>
  sandbox.control.waitForWebhook({ provider, bodyIncludes: id, state: 'delivered' });

describe('provider answers through the client', () => {
  it('DePay: a verified success callback is answered 200 and announced once', async () => {
    const payment = await trackDepay('wallet', `answers-${randomUUID()}`);
    sandbox.control.pay({ provider: 'depay', id: payment.providerPaymentId, confirmations: 12 });
    const delivery = await delivered('depay', payment.providerPaymentId);
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([200]);
    const succeeded = events.filter(
      (event) => event.data.id === payment.id && event.type === 'payment.succeeded',
    );
    expect(succeeded.map((event) => event.verifiedBy)).toEqual(['signature']);
  });

  it('DePay with callbackAnswer hold: answered 202, then released through the account API', async () => {
    const payment = await trackDepay('held', `answers-${randomUUID()}`);
    sandbox.control.pay({ provider: 'depay', id: payment.providerPaymentId, confirmations: 12 });
    const delivery = await delivered('depay', payment.providerPaymentId);
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([202]);
    const api = paymux.account<DepayApi>('held').api;
    const { payment: tracking } = await api.getPayment(payment.providerPaymentId);
    await expect(api.releasePayment(depayReleaseRequest(tracking))).resolves.toEqual({ attempts: 1 });
  });

  it('DePay: a forged callback is refused with 401 and announces nothing', async () => {
    const before = events.length;
    const response = await fetch(`${hooks}/wallet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': 'AAAA' },
      body: JSON.stringify({ uuid: randomUUID(), status: 'success' }),
    });
    expect(response.status).toBe(401);
    expect(events.length).toBe(before);
  });

  it('ForumPay: the unsigned webhook is confirmed by reading back, answered 200 on the first attempt (within its 2 s)', async () => {
    const payment = await paymux.createPayment(
      {
        reference: `answers-${randomUUID()}`,
        amount: { amount: '25.00', currency: 'EUR' },
        payWith: { symbol: 'BTC' },
        webhookUrl: `${hooks}/pos`,
      },
      { account: 'pos' },
    );
    sandbox.control.pay({ provider: 'forumpay', id: payment.providerPaymentId, kind: 'exact' });
    sandbox.control.confirm({ provider: 'forumpay', id: payment.providerPaymentId });
    const delivery = await delivered('forumpay', payment.providerPaymentId);
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([200]);
    const succeeded = events.filter(
      (event) => event.data.id === payment.id && event.type === 'payment.succeeded',
    );
    expect(succeeded.map((event) => event.verifiedBy)).toEqual(['refetch']);
  });

  it('ForumPay: a webhook that the read-back does not confirm is refused and announces nothing', async () => {
    const before = events.length;
    const { posId } = sandbox.providers.forumpay;
    const forged = async (body: unknown) =>
      (
        await fetch(`${hooks}/pos`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status;
    const unknownPayment = await forged({
      event: 'payment.confirmed',
      payment_id: randomUUID(),
      pos_id: posId,
      status: 'confirmed',
      reference_no: 'forged',
    });
    const malformed = await forged({ nothing: 'here' });
    expect(unknownPayment).toBe(401);
    // The adapter refuses a body without a payment id as unverifiable (401) or malformed (400).
    expect([400, 401]).toContain(malformed);
    expect(events.length).toBe(before);
  });
});
