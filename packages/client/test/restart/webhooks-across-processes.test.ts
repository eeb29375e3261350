import { describe, expect, it } from 'vitest';
import { deadHook, paymentInput } from './payment-cases';
import type { ChildSetup } from './paymux-child';
import { CHILD_PROCESS_TEST_TIMEOUT_MS, runChild, tempStatePath, useProxiedSandbox } from './restart-support';

// Evidence that webhook state survives the process: a delivery handled once is not announced
// again by the next process, and DePay callbacks for trackings made before a restart are
// still recognised as the merchant's.

const harness = useProxiedSandbox();

async function deliveryFor(provider: 'finrax' | 'depay', bodyIncludes: string) {
  for (let tries = 0; tries < 200; tries++) {
    const [delivery] = harness.sandbox.control.webhooks({ provider, bodyIncludes });
    if (delivery) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no ${provider} webhook mentioning ${bodyIncludes}`);
}

/**
 * Creates `account`'s payment case in a child process, lets `settle` move it at the sandbox, and
 * returns the webhook job that hands the callback that follows to a child.
 */
async function webhookJobAfter(
  setup: Omit<ChildSetup, 'job'>,
  account: 'finrax' | 'depay',
  reference: string,
  settle: (providerPaymentId: string) => void,
) {
  const input = paymentInput(account, reference);
  const created = await runChild({ ...setup, job: { action: 'createPayment', account, input } });
  const payment = created.output?.payment as { providerPaymentId: string } | undefined;
  expect(payment, created.stderr).toBeDefined();
  settle(payment!.providerPaymentId);
  const delivery = await deliveryFor(account, payment!.providerPaymentId);
  return { action: 'webhook' as const, account, rawBody: delivery.body, headers: delivery.headers };
}

describe('webhooks across processes', { timeout: CHILD_PROCESS_TEST_TIMEOUT_MS }, () => {
  it('a Finrax callback handled by one process and replayed to the next emits nothing there', async () => {
    const path = await tempStatePath();
    const providers = harness.accounts();
    harness.sandbox.control.setFinraxCallbackUrls({ deposit: deadHook });
    const job = await webhookJobAfter({ providers, path }, 'finrax', 'replay-1', (id) => {
      harness.sandbox.control.pay({ provider: 'finrax', id, kind: 'exact' });
      harness.sandbox.control.confirm({ provider: 'finrax', id });
    });

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
    const job = await webhookJobAfter({ providers, path }, 'depay', 'depay-restart-1', (id) => {
      harness.sandbox.control.pay({ provider: 'depay', id, confirmations: 20 });
    });

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
