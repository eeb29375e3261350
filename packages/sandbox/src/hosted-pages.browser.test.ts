import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finraxSignature, startSandbox } from './index';
import type { Sandbox } from './sandbox-types';
import { type LoopbackReceiver, startLoopbackReceiver } from './test-support/loopback-receiver';

let sandbox: Sandbox;
let receiver: LoopbackReceiver;
let browser: Browser;

const CHROMIUM = '/usr/bin/chromium';
// A newcomer without Debian's Chromium gets a skip that says so; CI sets PAYMUX_REQUIRE_BROWSER=1
// (and installs Chromium), where a missing browser is a failure, never a skip.
const browserAvailable = existsSync(CHROMIUM) || process.env.PAYMUX_REQUIRE_BROWSER === '1';
if (!browserAvailable) {
  console.warn(
    `Skipping the hosted-page browser tests: ${CHROMIUM} is missing (apt-get install -y chromium).`,
  );
}

beforeAll(async () => {
  if (!browserAvailable) return;
  receiver = await startLoopbackReceiver([200]);
  sandbox = await startSandbox({ finrax: { callbackUrls: { deposit: `${receiver.url}/finrax` } } });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await receiver?.close();
});

async function finraxPaymentUrl(): Promise<string> {
  const { baseUrl, apiKey, apiSecret, businessId } = sandbox.providers.finrax;
  const body = JSON.stringify({
    clientPaymentId: 'browser-1',
    businessId,
    locale: 'en-US',
    displayCurrency: 'EUR',
    displayAmount: '25',
  });
  const timestamp = String(Date.now());
  const response = await fetch(`${baseUrl}/api/v1/payments`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `FRX-API API-Key=${apiKey},Signature=${finraxSignature(apiSecret, '/api/v1/payments', timestamp, body)},Timestamp=${timestamp}`,
    },
    body,
  });
  return ((await response.json()) as { paymentUrl: string }).paymentUrl;
}

describe.skipIf(!browserAvailable)('hosted pages in Chromium', () => {
  it('pays a Finrax payment through its paymentUrl and the signed deposit callback arrives', async () => {
    const page = await browser.newPage();
    await page.goto(await finraxPaymentUrl());
    await page.selectOption('#currency', 'USDT:TRX');
    await page.click('#choose-currency');
    await expect(page.locator('#status').textContent()).resolves.toBe('PENDING');
    await page.click('#pay-exact');
    await expect(page.locator('#status').textContent()).resolves.toBe('DEPOSITED');
    const [callback] = await receiver.waitFor(1);
    expect(callback?.path).toBe('/finrax');
    expect(JSON.parse(callback?.body ?? '{}')).toMatchObject({
      status: 'CONFIRMED',
      paymentStatus: 'DEPOSITED',
      clientPaymentId: 'browser-1',
    });
    expect(callback?.headers.signature).toEqual(expect.any(String));
    await page.close();
  });

  it('pays a Defexa widget invoice by card through 3-D Secure and is redirected to the shop', async () => {
    const { baseUrl, merchantPrivateKey } = sandbox.providers.defexa;
    const response = await fetch(`${baseUrl}/api/v1/charge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchantPrivateKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        amount: 10,
        currency: 'ALGO',
        callback_url: `${receiver.url}/defexa`,
        redirect_fail_url: `${receiver.url}/fail`,
        redirect_success_url: `${receiver.url}/success`,
      }),
    });
    const { redirect_url: checkoutUrl } = (await response.json()) as { redirect_url: string };
    const page = await browser.newPage();
    await page.goto(checkoutUrl);
    await page.fill('#pan', '4617611794313933');
    await page.click('#pay-card');
    await page.click('#three-ds-success');
    await page.waitForURL(`${receiver.url}/success`);
    const approved = await sandbox.control.waitForWebhook({
      provider: 'defexa',
      event: 'pay.approved',
      state: 'delivered',
    });
    expect(JSON.parse(approved.body)).toMatchObject({
      callback_type: 'pay',
      status: 'approved',
      net_amount: '10',
    });
    await page.close();
  });

  it('declines a Defexa invoice when 3-D Secure authentication fails', async () => {
    const { baseUrl, merchantPrivateKey } = sandbox.providers.defexa;
    const response = await fetch(`${baseUrl}/api/v1/charge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchantPrivateKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        amount: 3,
        currency: 'ALGO',
        callback_url: `${receiver.url}/defexa-declined`,
        redirect_fail_url: `${receiver.url}/fail`,
        redirect_success_url: `${receiver.url}/success`,
      }),
    });
    const { redirect_url: checkoutUrl } = (await response.json()) as { redirect_url: string };
    const page = await browser.newPage();
    await page.goto(checkoutUrl);
    await page.fill('#pan', '4617611794313933');
    await page.click('#pay-card');
    await page.click('#three-ds-failure');
    await page.waitForURL(`${receiver.url}/fail`);
    const declined = await sandbox.control.waitForWebhook({ provider: 'defexa', event: 'pay.declined' });
    expect(JSON.parse(declined.body)).toMatchObject({ status: 'declined' });
    await page.close();
  });
});
