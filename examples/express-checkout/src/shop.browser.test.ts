import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Shop, startShop } from './start-shop';

// A real browser buys a T-shirt: Debian's Chromium, driven by playwright-core (no downloaded browser).
// PAYMUX_CHROMIUM points elsewhere (only to try the skip and failure paths, or a non-Debian host).
const CHROMIUM = process.env.PAYMUX_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const browserRequired = process.env.PAYMUX_REQUIRE_BROWSER === '1';

if (!hasChromium && !browserRequired) {
  console.warn(
    `express-checkout browser test skipped: ${CHROMIUM} is missing (apt-get install chromium; set PAYMUX_REQUIRE_BROWSER=1 to make this a failure)`,
  );
}

describe.runIf(!hasChromium && browserRequired)('express-checkout in a browser (required)', () => {
  it('needs Chromium', () => {
    throw new Error(`PAYMUX_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: apt-get install chromium`);
  });
});

describe.skipIf(!hasChromium)(`express-checkout in Chromium (${CHROMIUM})`, () => {
  let shop: Shop;
  let browser: Browser;

  beforeAll(async () => {
    shop = await startShop({ port: 0 });
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
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('buys with LTC, pays on the hosted page, and sees the order turn paid', async () => {
    const page = await browser.newPage();
    await page.goto(shop.url);
    await page.selectOption('#coin', 'LTC');
    await page.click('#buy');
    await page.locator('#status[data-status="requires_payment"]').waitFor();
    expect(await page.locator('#status').textContent()).toBe('Waiting for your payment');
    expect(await page.locator('#pay-amount').textContent()).toMatch(/^\d+(\.\d+)? LTC$/);
    const orderId = await page.locator('#order-id').textContent();

    // The customer pays on ForumPay's (sandbox) hosted page, opened in a new tab.
    const [checkout] = await Promise.all([page.waitForEvent('popup'), page.click('#checkout-link')]);
    await checkout.waitForLoadState();
    await checkout.click('#pay-exact');
    await checkout.close();

    // The provider's webhook reaches the shop; the page, polling, shows the change.
    await page.locator('#status[data-status="succeeded"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#status').textContent()).toBe('Paid');
    expect(shop.orders.get(orderId ?? '')).toMatchObject({ paymentStatus: 'succeeded', coin: 'LTC' });
    await page.close();
  });
});
