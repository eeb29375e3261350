import {
  type CallOptions,
  finalPaymentStatuses,
  finalPayoutStatuses,
  jsonTupleKey,
  type Payment,
  type Payout,
  type TrackedObjectRecord,
} from '@paymux/core';
import { z } from 'zod';
import type { QueuedTimer } from './timer-queue';
import type { TrackerClock } from './tracker-options';
import type { TrackedKind } from './tracker-types';

/** One object this instance schedules. */
export interface TrackerEntry {
  /** The store key of its tracked-object record (`kind`, `id`). */
  key: string;
  kind: TrackedKind;
  id: string;
  account: string;
  /** The store key of the object's announced state (see `objectStateKey`). */
  stateKey: string;
  deadline: number;
  /** Polls sent so far: the position in the backoff schedule. */
  attempt: number;
  /** When the next poll is due (epoch ms, tracker clock), as the store has it. */
  nextPollAt: number;
  /** This instance holds the object's lease in the store (shared store, during a poll). */
  leased: boolean;
  /** This entry's share of its account's planned polls per millisecond and polls left today. */
  rate: number;
  planned: number;
  timer: QueuedTimer | undefined;
  polling: boolean;
  /** Another source announced the final state while a poll was running. */
  finalSeen: boolean;
  /** Finished or untracked: its record was removed from the store. */
  forgotten: boolean;
  /** The store holds a record of it (written by this instance, or leased from the store). */
  stored: boolean;
}

export const trackInputSchema = z.object({
  kind: z.enum(['payment', 'payout']),
  id: z.string().min(1),
  account: z.string().min(1),
  expiresAt: z.union([z.iso.datetime({ offset: true }), z.date(), z.number().int().nonnegative()]).optional(),
});

// Polls queue behind direct calls in the account's limiter (where the adapter passes it on).
const lowPriority: CallOptions = { priority: 'low' };

/**
 * The call options of a poll. Under a lease the poll is cancelled at half the lease: a request
 * still waiting in the rate limiter then is never sent, and one in flight has the other half to
 * end before another instance may take the object over, so two polls of one object never overlap
 * at the provider. `end()` once the poll settled.
 */
export function pollOptions(
  entry: TrackerEntry,
  settings: { clock: TrackerClock; leaseMs: number },
): { options: CallOptions; end(): void } {
  if (!entry.leased) return { options: lowPriority, end: () => undefined };
  const { clock, leaseMs } = settings;
  const controller = new AbortController();
  const timer = clock.setTimeout(() => controller.abort(), leaseMs / 2);
  return { options: { ...lowPriority, signal: controller.signal }, end: () => clock.clearTimeout(timer) };
}

/** The tracked-object key of the store; one per kind and id, as `isTracking` asks. */
export const trackedKeyOf = (kind: TrackedKind, id: string): string => jsonTupleKey([kind, id]);

export function isFinal(kind: TrackedKind, status: string): boolean {
  return kind === 'payment'
    ? finalPaymentStatuses.has(status as Payment['status'])
    : finalPayoutStatuses.has(status as Payout['status']);
}

/** A new entry for a record, with nothing planned and no timer. */
export function entryOf(record: Omit<TrackedObjectRecord, 'nextPollAt'>): TrackerEntry {
  return {
    key: record.key,
    kind: record.kind,
    id: record.objectId,
    account: record.account,
    stateKey: jsonTupleKey([record.kind, record.account, record.objectId]),
    deadline: record.deadline,
    attempt: record.attempt,
    nextPollAt: 0,
    leased: false,
    rate: 0,
    planned: 0,
    timer: undefined,
    polling: false,
    finalSeen: false,
    forgotten: false,
    stored: false,
  };
}

export function recordOf(entry: TrackerEntry): TrackedObjectRecord {
  return {
    key: entry.key,
    kind: entry.kind,
    account: entry.account,
    objectId: entry.id,
    deadline: entry.deadline,
    attempt: entry.attempt,
    nextPollAt: entry.nextPollAt,
  };
}
