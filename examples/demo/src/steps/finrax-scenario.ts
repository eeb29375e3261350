import type { Payment } from '@paymux/core';
import {
  type DemoAccount,
  type DemoContext,
  moneyLabel,
  paymentLabel,
  type ProviderScenario,
  trackPayment,
  payoutSucceededRow,
  WEBHOOK_WAIT_MS,
  webhookStepPlan,
} from '../demo-context';
import { type DemoRow, runStep } from '../demo-row';

/** The customer picks a coin on Finrax's hosted page (the page's own form, as a browser posts it). */
async function chooseCurrencyOnPage(checkoutUrl: string, currency: string, network: string): Promise<void> {
  const page = new URL(checkoutUrl);
  page.pathname = `${page.pathname}/currency`;
  page.search = '';
  const response = await fetch(page, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ choice: `${currency}:${network}` }).toString(),
    redirect: 'manual',
  });
  await response.body?.cancel();
  if (response.status >= 400) throw new Error(`the hosted page answered ${response.status}`);
}

/** Pays a payment on its address (`kind` of what is due), confirms it, and tracks it to `reached`. */
async function payAndTrack(
  context: DemoContext,
  account: DemoAccount,
  payment: Payment,
  kind: 'exact' | 'short' | 'excess',
  reached: (read: Payment) => boolean,
  webhookType: string,
) {
  context.sandbox.control.pay({ provider: 'finrax', id: payment.providerPaymentId, kind });
  context.sandbox.control.confirm({ provider: 'finrax', id: payment.providerPaymentId });
  return trackPayment(context, {
    account: account.name,
    id: payment.id,
    reached,
    webhook: (event) =>
      event.object === 'payment' && event.data.id === payment.id && event.type === webhookType,
    webhookWaitMs: WEBHOOK_WAIT_MS,
  });
}

async function hosted(context: DemoContext, account: DemoAccount): Promise<DemoRow> {
  return runStep(
    webhookStepPlan(account, 'hosted page, USDT chosen, exact', 'hosted', 'succeeded'),
    context.log,
    async () => {
      const payment = await context.paymux.createPayment(
        { reference: 'order-3001', amount: { amount: '10', currency: 'EUR' }, flow: 'hosted' },
        { account: account.name },
      );
      if (!payment.checkoutUrl) throw new Error('Finrax returned no payment page');
      await chooseCurrencyOnPage(payment.checkoutUrl, 'USDT', 'ETH');
      const tracked = await payAndTrack(
        context,
        account,
        payment,
        'exact',
        (read) => read.status === 'succeeded',
        'payment.succeeded',
      );
      return {
        status: paymentLabel(tracked.payment),
        amount: moneyLabel(payment.amount),
        webhook: tracked.webhook,
      };
    },
  );
}

async function overpaid(context: DemoContext, account: DemoAccount): Promise<DemoRow> {
  return runStep(
    webhookStepPlan(account, 'USDT address, overpaid', 'deposit_address', 'succeeded/over'),
    context.log,
    async () => {
      const payment = await context.paymux.createPayment(
        {
          reference: 'order-3002',
          amount: { amount: '50', currency: 'EUR' },
          flow: 'deposit_address',
          payWith: { symbol: 'USDT', network: 'ethereum' },
        },
        { account: account.name },
      );
      const tracked = await payAndTrack(
        context,
        account,
        payment,
        'excess',
        (read) => read.status === 'succeeded',
        'payment.succeeded',
      );
      const received = tracked.payment.received ? ` (${moneyLabel(tracked.payment.received)} received)` : '';
      return {
        status: paymentLabel(tracked.payment),
        amount: `${moneyLabel(payment.amount)}${received}`,
        webhook: tracked.webhook,
      };
    },
  );
}

async function underpaid(context: DemoContext, account: DemoAccount): Promise<DemoRow> {
  return runStep(
    webhookStepPlan(account, 'USDT address, short pay', 'deposit_address', 'requires_payment/under'),
    context.log,
    async () => {
      const payment = await context.paymux.createPayment(
        {
          reference: 'order-3003',
          amount: { amount: '20', currency: 'EUR' },
          flow: 'deposit_address',
          payWith: { symbol: 'USDT', network: 'ethereum' },
        },
        { account: account.name },
      );
      const tracked = await payAndTrack(
        context,
        account,
        payment,
        'short',
        (read) => read.amountDelta === 'under',
        'payment.underpaid',
      );
      const missing = tracked.payment.missing ? `missing ${moneyLabel(tracked.payment.missing)}` : undefined;
      return {
        status: paymentLabel(tracked.payment),
        amount: moneyLabel(payment.amount),
        webhook: tracked.webhook,
        ...(missing ? { note: missing } : {}),
      };
    },
  );
}

async function payout(context: DemoContext, account: DemoAccount): Promise<DemoRow> {
  return runStep(
    webhookStepPlan(account, 'USDT withdrawal on Tron, completed', 'payout', 'succeeded'),
    context.log,
    async () => {
      const created = await context.paymux.createPayout(
        {
          reference: 'payout-3001',
          amount: { amount: '25', currency: 'USDT' },
          destination: {
            asset: { symbol: 'USDT', network: 'tron' },
            address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
          },
        },
        { account: account.name },
      );
      context.sandbox.control.approvePayout({ provider: 'finrax', id: created.providerPayoutId });
      return payoutSucceededRow(context, account.name, created, WEBHOOK_WAIT_MS);
    },
  );
}

/** Finrax: hosted and deposit-address payments (over- and underpaid) and a withdrawal. */
export const finraxScenario: ProviderScenario = async (context, account) => {
  const rows: DemoRow[] = [];
  if (account.capabilities.flows.includes('hosted')) rows.push(await hosted(context, account));
  if (account.capabilities.flows.includes('deposit_address')) {
    rows.push(await overpaid(context, account));
    rows.push(await underpaid(context, account));
  }
  if (account.capabilities.operations.createPayout) rows.push(await payout(context, account));
  return rows;
};
