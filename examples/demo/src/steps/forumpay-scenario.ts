import {
  type DemoAccount,
  type DemoContext,
  moneyLabel,
  paymentEvent,
  paymentLabel,
  type ProviderScenario,
  trackPayment,
  WEBHOOK_WAIT_MS,
} from '../demo-context';
import { type DemoRow, runStep } from '../demo-row';

/** A BTC payment at an address, paid exactly and confirmed; then refunded to the customer. */
async function paidThenRefunded(context: DemoContext, account: DemoAccount): Promise<DemoRow[]> {
  let paymentId: string | undefined;
  const base = { account: account.name, provider: account.type };
  const paid = await runStep(
    {
      ...base,
      step: 'BTC address, exact amount',
      flow: 'deposit_address',
      expected: 'succeeded',
      webhookRequired: true,
    },
    context.log,
    async () => {
      const payment = await context.paymux.createPayment(
        {
          reference: 'order-2001',
          amount: { amount: '25.00', currency: 'EUR' },
          payWith: { symbol: 'BTC' },
          flow: 'deposit_address',
          webhookUrl: context.webhookUrl(account.name),
        },
        { account: account.name },
      );
      context.sandbox.control.pay({ provider: 'forumpay', id: payment.providerPaymentId, kind: 'exact' });
      context.sandbox.control.confirm({ provider: 'forumpay', id: payment.providerPaymentId });
      const tracked = await trackPayment(context, {
        account: account.name,
        id: payment.id,
        reached: (read) => read.status === 'succeeded',
        webhook: paymentEvent(payment.id, 'succeeded'),
        webhookWaitMs: WEBHOOK_WAIT_MS,
      });
      paymentId = payment.id;
      const paidWith = tracked.payment.received ? ` (${moneyLabel(tracked.payment.received)})` : '';
      return {
        status: paymentLabel(tracked.payment),
        amount: `${moneyLabel(payment.amount)}${paidWith}`,
        webhook: tracked.webhook,
      };
    },
  );
  if (!account.capabilities.operations.createRefund) return [paid];
  const refunded = await runStep(
    { ...base, step: 'refund of the BTC payment', flow: 'refund', expected: 'pending' },
    context.log,
    async () => {
      if (paymentId === undefined) throw new Error('the payment to refund was not created');
      const refund = await context.paymux.createRefund(
        { paymentId, destination: { address: 'bc1qdemorefundaddress0000000000000000000' } },
        { account: account.name },
      );
      return { status: refund.status, amount: moneyLabel(refund.amount) };
    },
  );
  return [paid, refunded];
}

/** The customer sends 90 %: the payment reports what is missing, and the merchant accepts it. */
async function underpaidThenAccepted(context: DemoContext, account: DemoAccount): Promise<DemoRow[]> {
  let paymentId: string | undefined;
  const base = { account: account.name, provider: account.type, flow: 'deposit_address' };
  const underpaid = await runStep(
    { ...base, step: 'LTC address, underpaid', expected: 'requires_payment/under', webhookRequired: true },
    context.log,
    async () => {
      const payment = await context.paymux.createPayment(
        {
          reference: 'order-2002',
          amount: { amount: '40.00', currency: 'EUR' },
          payWith: { symbol: 'LTC' },
          flow: 'deposit_address',
          webhookUrl: context.webhookUrl(account.name),
        },
        { account: account.name },
      );
      context.sandbox.control.pay({
        provider: 'forumpay',
        id: payment.providerPaymentId,
        kind: 'short',
        confirmations: 6,
      });
      const tracked = await trackPayment(context, {
        account: account.name,
        id: payment.id,
        reached: (read) => read.amountDelta === 'under',
        webhook: (event) =>
          event.object === 'payment' && event.data.id === payment.id && event.type === 'payment.underpaid',
        webhookWaitMs: WEBHOOK_WAIT_MS,
      });
      paymentId = payment.id;
      const missing = tracked.payment.missing ? `missing ${moneyLabel(tracked.payment.missing)}` : undefined;
      return {
        status: paymentLabel(tracked.payment),
        amount: moneyLabel(payment.amount),
        webhook: tracked.webhook,
        ...(missing ? { note: missing } : {}),
      };
    },
  );
  if (!account.capabilities.operations.acceptUnderpayment) return [underpaid];
  const accepted = await runStep(
    { ...base, step: 'underpayment accepted', expected: 'succeeded/under' },
    context.log,
    async () => {
      if (paymentId === undefined) throw new Error('the underpaid payment was not created');
      const payment = await context.paymux.acceptUnderpayment({ paymentId }, { account: account.name });
      return { status: paymentLabel(payment), amount: moneyLabel(payment.amount) };
    },
  );
  return [underpaid, accepted];
}

/** ForumPay: its one flow (deposit address), exact and short, a refund and an accepted underpayment. */
export const forumpayScenario: ProviderScenario = async (context, account) => {
  if (!account.capabilities.flows.includes('deposit_address')) return [];
  return [...(await paidThenRefunded(context, account)), ...(await underpaidThenAccepted(context, account))];
};
