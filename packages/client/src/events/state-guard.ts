import {
  type EventType,
  finalPaymentStatuses,
  finalPayoutStatuses,
  finalRefundStatuses,
  type WebhookEvent,
} from '@paymux/core';
import type { ObjectState, Store, VersionedObjectState } from '@paymux/core';
import { jsonTupleKey } from '@paymux/core';

/** What the guard decided about one event. */
export type GuardDecision = 'new_state' | 'already_announced' | 'regression';

const FINAL_RANK = 10;

// Position of each announced state in an object's life: an event whose rank is lower than the
// recorded one is older news and is not announced. `*.updated` (an unknown raw status) has no
// position: it is announced once and moves nothing. Underpaid shares processing's rank because it
// can come either side of it (a partial deposit before confirming, or a confirmation that came up
// short): between states of one rank the provider's time decides.
const ranks: Partial<Record<EventType, number>> = {
  'payment.created': 0,
  'payment.underpaid': 2,
  'payment.processing': 2,
  'payment.overpaid': 2,
  'payment.on_hold': 3,
  'payment.expired': 3,
  'payout.created': 0,
  'payout.requires_approval': 1,
  'payout.processing': 2,
  'payout.on_hold': 3,
  'refund.created': 0,
};

function isFinal(event: WebhookEvent): boolean {
  switch (event.object) {
    case 'payment':
      return finalPaymentStatuses.has(event.data.status);
    case 'payout':
    case 'payout_batch':
      return finalPayoutStatuses.has(event.data.status);
    case 'refund':
      return finalRefundStatuses.has(event.data.status);
  }
}

/** The store key of an object's state: kind, account and unified id. */
export function objectStateKey(event: Pick<WebhookEvent, 'object' | 'provider' | 'data'>): string {
  return jsonTupleKey([event.object, event.provider, event.data.id]);
}

/** The state `event` would record given the current one, or why it must not be announced. */
function nextState(current: ObjectState | undefined, event: WebhookEvent): ObjectState | GuardDecision {
  if (current?.announced.includes(event.type)) return 'already_announced';
  // A final state never goes back, and once final nothing else is news.
  if (current?.final) return 'regression';
  const final = isFinal(event);
  const isUpdate = event.type.endsWith('.updated');
  const rank = final ? FINAL_RANK : isUpdate ? (current?.rank ?? -1) : (ranks[event.type] ?? 0);
  if (current && !final && !isUpdate) {
    const older =
      rank < current.rank ||
      (rank === current.rank && Date.parse(event.occurredAt) < Date.parse(current.occurredAt));
    if (older) return 'regression';
  }
  const announced = [...(current?.announced ?? []), event.type];
  if (isUpdate && current) return { ...current, announced };
  return {
    kind: event.object,
    account: event.provider,
    objectId: event.data.id,
    status: event.data.status,
    eventType: event.type,
    rank,
    final,
    occurredAt: event.occurredAt,
    announced,
  };
}

/**
 * The last state this process read or wrote per object, a bounded number of objects: the first
 * guess of a compare-and-set, so that a webhook about an object this process saw costs one store
 * call. Only a guess: the store's compare-and-set decides, and a wrong guess costs a retry.
 */
export class RecentObjectStates {
  private readonly states = new Map<string, VersionedObjectState>();

  constructor(private readonly limit = 10_000) {}

  get(key: string): VersionedObjectState | undefined {
    return this.states.get(key);
  }

  remember(key: string, found: VersionedObjectState | undefined): void {
    // Deleted first, so that the insertion order is the order of use and the oldest goes first.
    this.states.delete(key);
    if (!found) return;
    this.states.set(key, found);
    if (this.states.size > this.limit) {
      const oldest = this.states.keys().next().value;
      if (oldest !== undefined) this.states.delete(oldest);
    }
  }
}

/**
 * Decides whether `event` announces a new state of its object and records it: each state is
 * announced once, a final state never goes back, and an older state arriving after a newer one is
 * not announced. Atomic through the store's compare-and-set, so concurrent deliveries agree.
 * `found` is a state the store just returned, to start from instead of reading.
 */
export async function admitEvent(
  store: Store,
  event: WebhookEvent,
  recent?: RecentObjectStates,
  found?: { current: VersionedObjectState | undefined },
): Promise<GuardDecision> {
  const key = objectStateKey(event);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const current = attempt === 0 && found ? found.current : await store.getObjectState(key);
    recent?.remember(key, current);
    const next = nextState(current?.state, event);
    if (typeof next === 'string') return next;
    if (await store.compareAndSetObjectState(key, current?.version, next)) {
      recent?.remember(key, { state: next, version: (current?.version ?? 0) + 1 });
      return 'new_state';
    }
  }
  throw new Error(`Could not record the state of ${key}: too many concurrent writers`);
}

/**
 * Claims a webhook's event id (`claimKey`) and admits its event, in one store call when the
 * object's state is the one this process last saw (or none, for an object it never saw): the
 * claim and the compare-and-set are one atomic step. Otherwise the store's answer is the state
 * to decide on. `duplicate_event` when the id was claimed before: nothing was written.
 */
export async function claimAndAdmitEvent(
  store: Store,
  claimKey: string,
  event: WebhookEvent,
  recent: RecentObjectStates,
): Promise<GuardDecision | 'duplicate_event'> {
  const key = objectStateKey(event);
  const guess = recent.get(key);
  const next = nextState(guess?.state, event);
  if (typeof next === 'string') {
    // Not news by the guess, which may be outdated: the store's state decides.
    if (!(await store.claimEventId(claimKey))) return 'duplicate_event';
    return admitEvent(store, event, recent);
  }
  const result = await store.claimEventAndSetObjectState(claimKey, key, guess?.version, next);
  if (!result.claimed) return 'duplicate_event';
  if (!result.written) return admitEvent(store, event, recent, result);
  recent.remember(key, { state: next, version: (guess?.version ?? 0) + 1 });
  return 'new_state';
}
