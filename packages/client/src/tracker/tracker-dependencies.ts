import type { Logger, Store } from '@paymux/core';
import type { EventPublisher } from '../events/event-publisher';
import type { PaymuxEvents } from '../events/paymux-events';
import type { ProviderRegistry } from '../registry/provider-registry';
import type { PaymuxTelemetry } from '../telemetry/paymux-telemetry';
import type { ResolvedTrackerOptions } from './tracker-options';
import type { TrackerStats } from './tracker-types';

/** What `createPaymux` lends the status tracker. */
export interface TrackerDependencies {
  registry: ProviderRegistry;
  publisher: EventPublisher;
  events: PaymuxEvents;
  store: Store;
  logger: Logger;
  /** Removes secrets from an error before it is logged. */
  scrubError(error: unknown): unknown;
  options: ResolvedTrackerOptions;
  /** This instance's id among those sharing the store: the owner of its leases. */
  instanceId: string;
  /** The client's spans and metrics, if any: each poll gets a `paymux.tracker.poll` span. */
  telemetry?: PaymuxTelemetry | undefined;
}

/** The counters of `TrackerStats` the tracker adds to as it goes (the others are read off its state). */
export type TrackerCounters = Omit<TrackerStats, 'tracked' | 'polling' | 'finished'>;

/** Why an object's tracking ended on its own. */
export type FinishReason = keyof TrackerStats['finishedBy'];
