import type { Logger } from '@paymux/core';
import type { ProviderRegistry } from '../registry/provider-registry';
import type { PaymuxTracker, TrackInput } from './tracker-types';

/** Hands an object the client just created to the tracker, unless it is already final. */
export type AutoTrack = (input: TrackInput & { final: boolean }) => void;

/**
 * The client's `tracker.autoTrack` hook. It never fails the call that created the object: an
 * account that cannot read objects back is skipped, and any other refusal is logged.
 */
export function createAutoTrack(options: {
  enabled: boolean;
  tracker: PaymuxTracker;
  registry: ProviderRegistry;
  logger: Logger;
}): AutoTrack {
  const { enabled, tracker, registry, logger } = options;
  return ({ final, ...input }) => {
    if (!enabled || final) return;
    try {
      const operation = input.kind === 'payment' ? 'getPayment' : 'getPayout';
      if (registry.provider(input.account).capabilities.operations[operation] === undefined) return;
      tracker.track(input);
    } catch (error) {
      logger.error('paymux could not track a created object', { kind: input.kind, error: String(error) });
    }
  };
}
