import type { Payment, WebhookEvent } from '@paymux/core';
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

// Events are matched by reference and status: one payment's events all name its reference.
function paymentEvent(reference: string, status: Payment['status']) {
  return (event: WebhookEvent) =>
    event.object === 'payment' && event.data.reference === reference && event.data.status === status;
}

/** The invoice token of a hosted payment's checkout URL. */
function invoiceToken(payment: Payment): string {
  const token = payment.checkoutUrl ? new URL(payment.checkoutUrl).searchParams.get('token') : null;
  if (!token) throw new Error('Defexa returned no invoice token in the checkout URL');
  return token;
}

/** Hosted checkout: the widget invoice, paid in full and confirmed on chain. */
async function hosted(context: DemoContext, account: DemoAccount): Promise<DemoRow> {
  return runStep(
    webhookStepPlan(account, 'hosted checkout, exact amount', 'hosted', 'succeeded'),
    context.log,
    async () => {
      const payment = await context.paymux.createPayment(
        {
          reference: 'order-1001',
          amount: { amount: '10', currency: 'ALGO' },
          flow: 'hosted',
          returnUrl: 'https://shop.example/thanks',
          webhookUrl: context.webhookUrl(account.name),
        },
        { account: account.name },
      );
      // The sandbox finds the hosted invoice by its token, which its checkout URL carries (the
      // payment id names the merchant's shop order, not Defexa's invoice).
      const token = invoiceToken(payment);
      context.sandbox.control.pay({ provider: 'defexa', id: token, kind: 'exact' });
      context.sandbox.control.confirm({ provider: 'defexa', id: token });
      const tracked = await trackPayment(context, {
        account: account.name,
        id: payment.id,
        reached: (read) => read.status === 'succeeded',
        webhook: paymentEvent('order-1001', 'succeeded'),
        webhookWaitMs: WEBHOOK_WAIT_MS,
      });
      return {
        status: paymentLabel(tracked.payment),
        amount: moneyLabel(payment.amount),
        webhook: tracked.webhook,
      };
    },
  );
}

/** Host-to-host: a static deposit address for a customer, paid to it. */
async function depositAddress(context: DemoContext, account: DemoAccount): Promise<DemoRow> {
  const customer = 'customer-42';
  return runStep(
    webhookStepPlan(account, 'customer deposit address, exact amount', 'deposit_address', 'succeeded'),
    context.log,
    async () => {
      const payment = await context.paymux.createPayment(
        {
          reference: 'order-1002',
          amount: { amount: '0.5', currency: 'ETH' },
          flow: 'deposit_address',
          customer: { id: customer },
          webhookUrl: context.webhookUrl(account.name),
        },
        { account: account.name },
      );
      const address = payment.payIn?.address;
      if (!address) throw new Error('Defexa returned no deposit address');
      context.sandbox.control.pay({ provider: 'defexa', id: address, amount: '0.5' });
      context.sandbox.control.confirm({ provider: 'defexa', id: address });
      // A deposit's events name the customer (Defexa reports deposits per customer, not per order).
      const tracked = await trackPayment(context, {
        account: account.name,
        id: payment.id,
        reached: (read) => read.status === 'succeeded',
        webhook: paymentEvent(customer, 'succeeded'),
        webhookWaitMs: WEBHOOK_WAIT_MS,
      });
      return {
        status: paymentLabel(tracked.payment),
        amount: moneyLabel(payment.amount),
        webhook: tracked.webhook,
      };
    },
  );
}

/** AML: the funds are held, and the merchant refunds them to the customer's address. */
async function amlRefund(context: DemoContext, account: DemoAccount): Promise<DemoRow[]> {
  let paymentId: string | undefined;
  let amount = '-';
  const held = await runStep(
    {
      ...webhookStepPlan(account, 'hosted payment held by AML', 'hosted', 'on_hold'),
      webhookRequired: false,
    },
    context.log,
    async () => {
      const payment = await context.paymux.createPayment(
        {
          reference: 'order-1003',
          amount: { amount: '3', currency: 'ALGO' },
          flow: 'hosted',
          returnUrl: 'https://shop.example/thanks',
          webhookUrl: context.webhookUrl(account.name),
        },
        { account: account.name },
      );
      const token = invoiceToken(payment);
      context.sandbox.control.pay({ provider: 'defexa', id: token });
      context.sandbox.control.hold({ provider: 'defexa', id: token });
      context.sandbox.control.confirm({ provider: 'defexa', id: token });
      const tracked = await trackPayment(context, {
        account: account.name,
        id: payment.id,
        reached: (read) => read.status === 'on_hold',
        webhook: paymentEvent('order-1003', 'on_hold'),
        webhookWaitMs: 1_000,
      });
      paymentId = payment.id;
      amount = moneyLabel(payment.amount);
      return { status: paymentLabel(tracked.payment), amount, webhook: tracked.webhook };
    },
  );
  const refund = await runStep(
    {
      ...webhookStepPlan(account, 'AML refund of the held payment', 'refund', 'pending'),
      webhookRequired: false,
    },
    context.log,
    async () => {
      if (paymentId === undefined) throw new Error('the held payment was not created');
      const created = await context.paymux.createRefund(
        { paymentId, destination: { address: 'ALGO-REFUND-ADDRESS-1' } },
        { account: account.name },
      );
      return { status: created.status, amount: moneyLabel(created.amount) };
    },
  );
  return [held, refund];
}

/** An address of Algorand's shape (58 base32 characters), where the payout goes. */
const ALGO_PAYOUT_ADDRESS = 'UM54Q23FAFZ4TL2SWHXW72AOGCPKTUKKM2IQN55N7YSQIVPJZAS2ZCFOQU';

/** A payout from the merchant's wallet, approved by Defexa. */
async function payout(context: DemoContext, account: DemoAccount): Promise<DemoRow> {
  return runStep(
    webhookStepPlan(account, 'payout, approved', 'payout', 'succeeded'),
    context.log,
    async () => {
      const created = await context.paymux.createPayout(
        {
          reference: 'payout-1001',
          amount: { amount: '1', currency: 'ALGO' },
          destination: { asset: { symbol: 'ALGO', network: 'algorand' }, address: ALGO_PAYOUT_ADDRESS },
        },
        { account: account.name },
      );
      // Defexa finds a payout by its order number, which is the merchant's reference.
      context.sandbox.control.approvePayout({ provider: 'defexa', id: 'payout-1001' });
      return payoutSucceededRow(context, account.name, created, WEBHOOK_WAIT_MS);
    },
  );
}

/** Defexa: every flow of its capability map, an AML refund and a payout. */
export const defexaScenario: ProviderScenario = async (context, account) => {
  const rows: DemoRow[] = [];
  if (account.capabilities.flows.includes('hosted')) rows.push(await hosted(context, account));
  if (account.capabilities.flows.includes('deposit_address'))
    rows.push(await depositAddress(context, account));
  if (account.capabilities.operations.createRefund) rows.push(...(await amlRefund(context, account)));
  if (account.capabilities.operations.createPayout) rows.push(await payout(context, account));
  return rows;
};
