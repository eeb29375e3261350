import { createPaymux, type Paymux } from '@paymux/client';
import { plugin as defexa } from '@paymux/defexa';
import { plugin as finrax } from '@paymux/finrax';
import type { Sandbox } from '@paymux/sandbox';

/**
 * One paymux client with two payout accounts on the sandbox: Defexa (single and mass payouts,
 * fee estimates) and Finrax (fee estimates, large withdrawals held for approval).
 *
 * @example
 * const paymux = createPayoutsClient(await startSandbox());
 */
export function createPayoutsClient(sandbox: Sandbox): Paymux {
  const { finrax: finraxSandbox, defexa: defexaSandbox } = sandbox.providers;
  return createPaymux({
    plugins: [defexa, finrax],
    providers: {
      defexa: {
        type: 'defexa',
        merchantPrivateKey: defexaSandbox.merchantPrivateKey,
        baseUrl: defexaSandbox.baseUrl,
        // A dropped connection should give up quickly in the demo, not after a long backoff.
        retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
      },
      finrax: {
        type: 'finrax',
        apiKey: finraxSandbox.apiKey,
        apiSecret: finraxSandbox.apiSecret,
        businessId: finraxSandbox.businessId,
        callbackPublicKey: finraxSandbox.callbackPublicKey,
        baseUrl: finraxSandbox.baseUrl,
        // Finrax requires a display currency on every withdrawal, USDT-sized ones included.
        defaultDisplayCurrency: 'EUR',
        retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
      },
    },
    // The sandbox forgets its payouts when it stops; an application leaves `store` out.
    store: 'memory:',
  });
}
