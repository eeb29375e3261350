import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Paymux } from '@paymux/client';
import type { Payment } from '@paymux/core';
import { type DemoContext, moneyLabel, paymentLabel, trackPayment } from '../demo-context';
import { type DemoRow, runStep } from '../demo-row';

/** What the switch needs: the config file, and how to build and adopt a client from a copy of it. */
export interface ConfigSwitchOptions {
  configPath: string;
  /** The account `routing.default` names after the edit. */
  switchTo: { account: string; type: string };
  /** The account `routing.default` names in the original file. */
  original: { account: string; type: string };
  /** Builds a client from a config file. */
  load(path: string): Promise<Paymux>;
  /** Makes a client the current one (webhooks, events). */
  adopt(paymux: Paymux): void;
}

/** The one call the shop makes; it names no provider, so the config's routing decides. */
function checkout(paymux: Paymux, reference: string): Promise<Payment> {
  return paymux.createPayment({
    reference,
    amount: { amount: '30', currency: 'EUR' },
    payWith: { symbol: 'BTC' },
    flow: 'deposit_address',
  });
}

async function payRoutedCheckout(
  context: DemoContext,
  reference: string,
  target: { account: string; type: string },
  label: string,
): Promise<DemoRow> {
  return runStep(
    {
      step: label,
      account: target.account,
      provider: target.type,
      flow: 'deposit_address',
      expected: 'succeeded',
    },
    context.log,
    async () => {
      const payment = await checkout(context.paymux, reference);
      if (payment.provider !== target.account) {
        throw new Error(`the call landed on ${payment.provider}, not ${target.account}`);
      }
      if (payment.providerType !== 'forumpay' && payment.providerType !== 'finrax') {
        throw new Error(`no way to pay a ${payment.providerType} address in this step`);
      }
      context.sandbox.control.pay({ provider: payment.providerType, id: payment.providerPaymentId });
      context.sandbox.control.confirm({ provider: payment.providerType, id: payment.providerPaymentId });
      const tracked = await trackPayment(context, {
        account: payment.provider,
        id: payment.id,
        reached: (read) => read.status === 'succeeded',
        webhook: (event) =>
          event.object === 'payment' && event.data.id === payment.id && event.data.status === 'succeeded',
        webhookWaitMs: 300,
      });
      return {
        status: paymentLabel(tracked.payment),
        amount: moneyLabel(payment.amount),
        webhook: tracked.webhook,
      };
    },
  );
}

/**
 * Runs the same checkout call before and after editing `routing.default` in a copy of the config
 * file: the second lands on the other provider without a code change.
 */
export async function configSwitch(context: DemoContext, options: ConfigSwitchOptions): Promise<DemoRow[]> {
  const before = await payRoutedCheckout(
    context,
    'order-5001',
    options.original,
    `checkout routed by routing.default=${options.original.account}`,
  );
  const directory = await mkdtemp(join(tmpdir(), 'paymux-demo-'));
  try {
    const config = JSON.parse(await readFile(options.configPath, 'utf8')) as {
      routing?: { default?: string };
    };
    config.routing = { ...config.routing, default: options.switchTo.account };
    const edited = join(directory, 'paymux.config.json');
    await writeFile(edited, `${JSON.stringify(config, null, 2)}\n`);
    context.log(
      `config edited: routing.default ${options.original.account} -> ${options.switchTo.account}, reloaded`,
    );
    options.adopt(await options.load(edited));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  const after = await payRoutedCheckout(
    context,
    'order-5002',
    options.switchTo,
    `same checkout after editing routing.default=${options.switchTo.account}`,
  );
  return [before, after];
}
