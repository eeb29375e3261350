import { randomBytes } from 'node:crypto';
import {
  type DemoAccount,
  type DemoContext,
  moneyLabel,
  paymentLabel,
  type ProviderScenario,
  trackPayment,
} from '../demo-context';
import { type DemoRow, runStep } from '../demo-row';

const SENDER = '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6';

/** The customer's wallet has sent a USDT transfer; DePay tracks it until it is confirmed or fails. */
async function tracked(
  context: DemoContext,
  account: DemoAccount,
  input: { step: string; reference: string; kind: 'exact' | 'short'; expected: string },
): Promise<DemoRow> {
  return runStep(
    {
      step: input.step,
      account: account.name,
      provider: account.type,
      flow: 'tracking',
      expected: input.expected,
      webhookRequired: true,
    },
    context.log,
    async () => {
      const payment = await context.paymux.createPayment(
        {
          reference: input.reference,
          amount: { amount: '25.5', currency: 'USDT' },
          payWith: { symbol: 'USDT', network: 'ethereum' },
          flow: 'tracking',
          webhookUrl: context.webhookUrl(account.name),
          providerOptions: {
            depay: {
              transaction: `0x${randomBytes(32).toString('hex')}`,
              sender: SENDER,
              nonce: 7,
              afterBlock: 19_000_000,
            },
          },
        },
        { account: account.name },
      );
      // Ethereum needs 12 confirmations (DePay's default): the transaction arrives with all of them.
      context.sandbox.control.pay({
        provider: 'depay',
        id: payment.providerPaymentId,
        kind: input.kind,
        confirmations: 12,
      });
      const final = await trackPayment(context, {
        account: account.name,
        id: payment.id,
        reached: (read) => read.status === 'succeeded' || read.status === 'failed',
        webhook: (event) =>
          event.object === 'payment' &&
          event.data.id === payment.id &&
          (event.data.status === 'succeeded' || event.data.status === 'failed'),
        webhookWaitMs: 5_000,
      });
      return {
        status: paymentLabel(final.payment),
        amount: moneyLabel(payment.amount),
        webhook: final.webhook,
        ...(final.payment.failureReason ? { note: final.payment.failureReason } : {}),
      };
    },
  );
}

/** DePay: its one flow (tracking), a confirmed transfer and one that sent too little. */
export const depayScenario: ProviderScenario = async (context, account) => {
  if (!account.capabilities.flows.includes('tracking')) return [];
  return [
    await tracked(context, account, {
      step: 'USDT transfer tracked, exact',
      reference: 'order-4001',
      kind: 'exact',
      expected: 'succeeded',
    }),
    await tracked(context, account, {
      step: 'USDT transfer tracked, too little sent',
      reference: 'order-4002',
      kind: 'short',
      expected: 'failed',
    }),
  ];
};
