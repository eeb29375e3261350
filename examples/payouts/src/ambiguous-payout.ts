import type { Paymux } from '@paymux/client';
import { AmbiguousOutcomeError, type CreatePayoutInput, NetworkError, type Payout } from '@paymux/core';
import type { Sandbox } from '@paymux/sandbox';

/** What the reconciliation part of the example did. */
export interface AmbiguousPayoutResult {
  reference: string;
  /** The class of the first attempt's error: the provider may or may not have paid. */
  firstAttemptError: string;
  /** The retry: paymux looked the reference up and found the payout instead of paying again. */
  reconciled: Payout;
  /** Payouts with this reference at the provider after both attempts. */
  payoutsAtProvider: number;
}

/**
 * A payout whose answer is lost: the sandbox processes the request, then drops the connection
 * (chaos `dropConnectionRate: 1`). The same call again, once the network is back, is settled by
 * looking the reference up at the provider: the payout exists, so nothing is sent twice.
 *
 * @example
 * const result = await runAmbiguousPayout(paymux, sandbox, 'finrax', input);
 * result.payoutsAtProvider; // 1
 */
export async function runAmbiguousPayout(
  paymux: Paymux,
  sandbox: Sandbox,
  account: 'defexa' | 'finrax',
  input: CreatePayoutInput,
  log: (line: string) => void = () => {},
): Promise<AmbiguousPayoutResult> {
  sandbox.control.setChaos({ dropConnectionRate: 1 });
  let firstAttemptError: string;
  try {
    await paymux.createPayout(input, { account });
    throw new Error('the first attempt was expected to lose its answer');
  } catch (error) {
    // Both say "maybe": a reset after sending (NetworkError) or an explicit AmbiguousOutcomeError.
    if (!AmbiguousOutcomeError.is(error) && !NetworkError.is(error)) throw error;
    firstAttemptError = (error as Error).name;
    log(
      `${account}: payout ${input.reference} failed with ${firstAttemptError}: ${(error as Error).message}`,
    );
  } finally {
    sandbox.control.setChaos({});
  }
  const reconciled = await paymux.createPayout(input, { account });
  const atProvider = await paymux.listPayouts({ reference: input.reference }, { account });
  const payoutsAtProvider = atProvider.items.filter((payout) => payout.reference === input.reference).length;
  log(
    `${account}: the retry found ${reconciled.id.slice(0, 24)}… (${reconciled.status}); payouts at ${account}: ${payoutsAtProvider}`,
  );
  return { reference: input.reference, firstAttemptError, reconciled, payoutsAtProvider };
}
