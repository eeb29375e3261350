import type { Payment, Payout, PayoutBatch, Refund, WebhookEvent } from '@paymux/core';
import { paymentEventType, payoutEventType, refundEventType } from '@paymux/core';
import type { SecretRegistry } from '../secrets/secret-redaction';
import type { Store } from '@paymux/core';
import type { PaymuxEvents } from './paymux-events';
import { admitEvent, claimAndAdmitEvent, type GuardDecision, RecentObjectStates } from './state-guard';
import { jsonTupleKey } from '@paymux/core';

/** What happened to one event on its way to the listeners. */
export type PublishOutcome = 'emitted' | 'duplicate_event' | 'already_announced' | 'regression';

/** The outcome, with the event as emitted (secrets removed) when it was. */
export type PublishResult =
  | { outcome: 'emitted'; event: WebhookEvent }
  | { outcome: Exclude<PublishOutcome, 'emitted'> };

/** An object returned by a direct call, with its kind. */
export type ObservedObject =
  | { object: 'payment'; data: Payment }
  | { object: 'payout'; data: Payout }
  | { object: 'payout_batch'; data: PayoutBatch }
  | { object: 'refund'; data: Refund };

/**
 * The one stream that webhooks and direct calls feed: deduplicates by event id (webhooks), then
 * by object state (everything), refuses regressions, removes secrets, and emits.
 */
export class EventPublisher {
  private readonly recent = new RecentObjectStates();

  constructor(
    private readonly store: Store,
    private readonly events: PaymuxEvents,
    private readonly secrets: SecretRegistry,
  ) {}

  /** Publishes a verified webhook event; a repeated event id is dropped, atomically. */
  async publishWebhookEvent(event: WebhookEvent): Promise<PublishResult> {
    // Event ids are the provider's; two accounts may reuse one, so the account scopes it.
    const claimKey = jsonTupleKey([event.provider, event.id]);
    try {
      const decision = await claimAndAdmitEvent(this.store, claimKey, event, this.recent);
      if (decision === 'duplicate_event') return { outcome: decision };
      return this.emitIfNew(event, decision);
    } catch (error) {
      // Nothing was emitted (or the store failed, claim written or not): let the provider's retry
      // be processed. Its state, if written, keeps the retry from announcing it twice.
      await this.store.releaseEventId(claimKey);
      throw error;
    }
  }

  /** Announces the state an object showed in a direct call's result, if it is news. */
  async publishObserved(observed: ObservedObject): Promise<PublishResult> {
    const event = eventFromObserved(observed);
    return this.emitIfNew(event, await admitEvent(this.store, event, this.recent));
  }

  private emitIfNew(event: WebhookEvent, decision: GuardDecision): PublishResult {
    if (decision !== 'new_state') return { outcome: decision };
    // A safety net behind the adapters' own sanitising: copies the event only if it still holds a secret.
    const safe = this.secrets.redactValue(event);
    this.events.emit(safe);
    return { outcome: 'emitted', event: safe };
  }
}

/** The event a direct call's result announces; its id is stable, so the same state has one id. */
export function eventFromObserved(observed: ObservedObject): WebhookEvent {
  switch (observed.object) {
    case 'payment':
      return directEvent('payment', paymentEventType(observed.data), observed.data);
    case 'payout':
    case 'payout_batch':
      return directEvent(observed.object, payoutEventType(observed.data), observed.data);
    case 'refund':
      return directEvent('refund', refundEventType(observed.data), observed.data);
  }
}

/**
 * One literal, no spread of a shared base: this runs after every direct call, and spreads cost
 * several times more. The switch above pairs each kind with its own data and event type.
 */
function directEvent(
  object: ObservedObject['object'],
  type: WebhookEvent['type'],
  data: ObservedObject['data'],
): WebhookEvent {
  return {
    id: `direct:${object}:${data.id}:${type}`,
    type,
    object,
    provider: data.provider,
    providerType: data.providerType,
    occurredAt: data.updatedAt,
    verifiedBy: 'direct',
    data,
    raw: data.raw,
  } as WebhookEvent;
}
