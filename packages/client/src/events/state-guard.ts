import {
  type EventType,
  finalPaymentStatuses,
  finalPayoutStatuses,
  finalRefundStatuses,
  type WebhookEvent,
} from '@paymux/core';
import type { ObjectState, Store } from '@paymux/core';
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
 * Decides whether `event` announces a new state of its object and records it: each state is
 * announced once, a final state never goes back, and an older state arriving after a newer one is
 * not announced. Atomic through the store's compare-and-set, so concurrent deliveries agree.
 */
export async function admitEvent(store: Store, event: WebhookEvent): Promise<GuardDecision> {
  const key = objectStateKey(event);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const current = await store.getObjectState(key);
    const next = nextState(current?.state, event);
    if (typeof next === 'string') return next;
    if (await store.compareAndSetObjectState(key, current?.version, next)) return 'new_state';
  }
  throw new Error(`Could not record the state of ${key}: too many concurrent writers`);
}
