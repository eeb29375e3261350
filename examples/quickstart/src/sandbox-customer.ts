import type { Payment } from '@paymux/core';
import type { Sandbox } from '@paymux/sandbox';

/**
 * The variables `paymux.config.json` reads with `${env:NAME}`, filled from a running sandbox.
 * Against the real providers you would export your own credentials and leave the base URLs out.
 */
export function sandboxEnv(sandbox: Sandbox): Record<string, string> {
  const { defexa, forumpay, finrax, depay } = sandbox.providers;
  return {
    DEFEXA_BASE_URL: defexa.baseUrl,
    DEFEXA_MERCHANT_PRIVATE_KEY: defexa.merchantPrivateKey,
    FORUMPAY_BASE_URL: forumpay.baseUrl,
    FORUMPAY_API_USER: forumpay.apiUser,
    FORUMPAY_API_SECRET: forumpay.apiSecret,
    FORUMPAY_POS_ID: forumpay.posId,
    FINRAX_BASE_URL: finrax.baseUrl,
    FINRAX_API_KEY: finrax.apiKey,
    FINRAX_API_SECRET: finrax.apiSecret,
    FINRAX_BUSINESS_ID: finrax.businessId,
    DEPAY_BASE_URL: depay.baseUrl,
    DEPAY_API_KEY: depay.apiKey,
    DEPAY_CALLBACK_PUBLIC_KEY: depay.callbackPublicKey,
  };
}

/** On Finrax's hosted page the customer first picks a coin (the page's own form, as a browser posts it). */
async function chooseCoinOnFinraxPage(checkoutUrl: string, choice: string): Promise<void> {
  const page = new URL(checkoutUrl);
  page.pathname = `${page.pathname}/currency`;
  page.search = '';
  const response = await fetch(page, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ choice }).toString(),
    redirect: 'manual',
  });
  await response.body?.cancel();
  if (response.status >= 400) throw new Error(`Finrax's page answered ${response.status}`);
}

/**
 * Plays the customer and the blockchain for one payment: sends what is due and confirms it, the
 * way each provider's sandbox expects (see `@paymux/sandbox`'s control API).
 */
export async function customerPays(sandbox: Sandbox, payment: Payment): Promise<void> {
  const { control } = sandbox;
  const id = payment.providerPaymentId;
  switch (payment.providerType) {
    case 'defexa': {
      // A Defexa deposit address is static per customer: each transfer to it is a new deposit.
      const address = payment.payIn?.address;
      if (!address) throw new Error('this quickstart pays Defexa deposit addresses only');
      control.pay({ provider: 'defexa', id: address, amount: payment.payIn?.amount?.amount ?? '0.008' });
      control.confirm({ provider: 'defexa', id: address });
      return;
    }
    case 'forumpay':
      control.pay({ provider: 'forumpay', id });
      control.confirm({ provider: 'forumpay', id });
      return;
    case 'finrax':
      if (payment.flow === 'hosted' && payment.checkoutUrl) {
        await chooseCoinOnFinraxPage(payment.checkoutUrl, 'ETH:ETH');
      }
      control.pay({ provider: 'finrax', id });
      control.confirm({ provider: 'finrax', id });
      return;
    case 'depay':
      // DePay tracks a transfer the wallet already sent: it arrives with its 12 confirmations.
      control.pay({ provider: 'depay', id, confirmations: 12 });
      return;
    default:
      throw new Error(`the sandbox cannot pay a ${payment.providerType} payment`);
  }
}
