import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runChild, tempStatePath, useProxiedSandbox } from './restart-support';

// Evidence that webhook state survives the process: a delivery handled once is not announced
// again by the next process, and DePay callbacks for trackings made before a restart are
// still recognised as the merchant's.

const harness = useProxiedSandbox();

const deadHook = 'http://127.0.0.1:9/hooks';
const hex = () => randomUUID().replace(/-/g, '');

async function deliveryFor(provider: 'finrax' | 'depay', bodyIncludes: string) {
  for (let tries = 0; tries < 200; tries++) {
    const [delivery] = harness.sandbox.control.webhooks({ provider, bodyIncludes });
    if (delivery) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no ${provider} webhook mentioning ${bodyIncludes}`);
}

describe('webhooks across processes', () => {
  it('a Finrax callback handled by one process and replayed to the next emits nothing there', async () => {
    const path = await tempStatePath();
    const providers = harness.accounts();
    harness.sandbox.control.setFinraxCallbackUrls({ deposit: deadHook });
    const created = await runChild({
      providers,
      path,
      job: {
        action: 'createPayment',
        account: 'finrax',
        input: {
          reference: 'replay-1',
          amount: { amount: '50', currency: 'EUR' },
          flow: 'deposit_address',
          payWith: { symbol: 'USDT', network: 'ethereum' },
        },
      },
    });
    const payment = created.output?.payment as { providerPaymentId: string } | undefined;
    expect(payment, created.stderr).toBeDefined();
    harness.sandbox.control.pay({ provider: 'finrax', id: payment!.providerPaymentId, kind: 'exact' });
    harness.sandbox.control.confirm({ provider: 'finrax', id: payment!.providerPaymentId });
    const delivery = await deliveryFor('finrax', payment!.providerPaymentId);
    const job = {
      action: 'webhook' as const,
      account: 'finrax',
      rawBody: delivery.body,
      headers: delivery.headers,
    };

    const first = await runChild({ providers, path, job });
    expect(first.output, first.stderr).toMatchObject({ status: 200 });
    expect((first.output!.events as string[]).length).toBeGreaterThan(0);

    const replayed = await runChild({ providers, path, job });
    expect(replayed.output, replayed.stderr).toMatchObject({ status: 200, events: [] });
    expect(replayed.output!.ignored).toBeGreaterThan(0);
  });

  it('a DePay callback for a tracking made before the restart is accepted by the new process', async () => {
    const path = await tempStatePath();
    const providers = harness.accounts();
    const created = await runChild({
      providers,
      path,
      job: {
        action: 'createPayment',
        account: 'depay',
        input: {
          reference: 'depay-restart-1',
          amount: { amount: '25.5', currency: 'USDT' },
          payWith: { symbol: 'USDT', network: 'ethereum' },
          webhookUrl: deadHook,
          providerOptions: {
            depay: {
              transaction: `0x${hex()}${hex()}`,
              sender: '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6',
              nonce: 5,
              afterBlock: 13542983,
            },
          },
        },
      },
    });
    const payment = created.output?.payment as { providerPaymentId: string } | undefined;
    expect(payment, created.stderr).toBeDefined();
    harness.sandbox.control.pay({ provider: 'depay', id: payment!.providerPaymentId, confirmations: 20 });
    const delivery = await deliveryFor('depay', payment!.providerPaymentId);
    const job = {
      action: 'webhook' as const,
      account: 'depay',
      rawBody: delivery.body,
      headers: delivery.headers,
    };

    const restarted = await runChild({ providers, path, job });
    expect(restarted.output, restarted.stderr).toMatchObject({ status: 200 });
    expect((restarted.output!.events as string[]).length).toBeGreaterThan(0);

    // The same callback on a store that never saw the tracking is refused: acceptance came from
    // the state the first process left.
    const stranger = await runChild({ providers, path: await tempStatePath(), job });
    expect(stranger.output, stranger.stderr).toMatchObject({ events: [] });
    expect(stranger.output!.status).toBeGreaterThanOrEqual(400);
  });
});
