import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { type AmbiguousPayoutResult, runAmbiguousPayout } from './ambiguous-payout';
import { type DefexaPayoutsResult, runDefexaPayouts } from './defexa-payouts';
import { type FinraxApprovalResult, runFinraxApproval } from './finrax-approval';
import { createPayoutsClient } from './payouts-client';

/** Everything the payouts example did. */
export interface PayoutsRun {
  defexa: DefexaPayoutsResult;
  finrax: FinraxApprovalResult;
  reconciliation: { defexa: AmbiguousPayoutResult; finrax: AmbiguousPayoutResult };
}

/**
 * Runs the whole payouts example against `sandbox`, or against a fresh sandbox that it closes.
 *
 * @example
 * const run = await runPayouts(console.log);
 */
export async function runPayouts(
  log: (line: string) => void = () => {},
  given?: Sandbox,
): Promise<PayoutsRun> {
  const sandbox = given ?? (await startSandbox({ timeScale: 0.001 }));
  try {
    const paymux = createPayoutsClient(sandbox);
    const defexa = await runDefexaPayouts(paymux, sandbox, log);
    const finrax = await runFinraxApproval(paymux, sandbox, log);
    const reconciliation = {
      defexa: await runAmbiguousPayout(
        paymux,
        sandbox,
        'defexa',
        {
          reference: 'cashback-5521',
          amount: { amount: '2', currency: 'ALGO' },
          destination: {
            asset: { symbol: 'ALGO', network: 'algorand' },
            address: 'CUSTOMERFIVEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
          },
        },
        log,
      ),
      finrax: await runAmbiguousPayout(
        paymux,
        sandbox,
        'finrax',
        {
          reference: 'payout-seller-310',
          amount: { amount: '25', currency: 'USDT' },
          destination: {
            asset: { symbol: 'USDT', network: 'tron' },
            address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
          },
        },
        log,
      ),
    };
    return { defexa, finrax, reconciliation };
  } finally {
    if (!given) await sandbox.close();
  }
}
