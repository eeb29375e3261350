import type { IdempotencyRecord, ObjectState, TrackedObjectRecord } from '@paymux/core';

/** An object state as the client writes it. */
export function sampleObjectState(overrides: Partial<ObjectState> = {}): ObjectState {
  return {
    kind: 'payment',
    account: 'main',
    objectId: 'pay_1',
    status: 'processing',
    eventType: 'payment.processing',
    rank: 2,
    final: false,
    occurredAt: '2026-11-21T12:00:00.000Z',
    announced: ['payment.processing'],
    ...overrides,
  };
}

/** A pending idempotency record; the optional fields stay absent unless given. */
export function sampleIdempotencyRecord(overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return {
    key: 'idem-1',
    operation: 'createPayment',
    fingerprint: 'sha256:0f1e2d',
    providerKey: 'pk-idem-1',
    state: 'pending',
    startedAt: '2026-11-21T12:00:00.000Z',
    updatedAt: '2026-11-21T12:00:00.000Z',
    ...overrides,
  };
}

/** A tracked payment due at `nextPollAt`. */
export function sampleTrackedObject(overrides: Partial<TrackedObjectRecord> = {}): TrackedObjectRecord {
  const objectId = overrides.objectId ?? 'pay_1';
  return {
    key: `["payment","${objectId}"]`,
    kind: 'payment',
    account: 'main',
    objectId,
    deadline: 2_000_000_000_000,
    attempt: 0,
    nextPollAt: 1_000,
    ...overrides,
  };
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` calls of `task` started together, so that they race. */
export function race<T>(count: number, task: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => task(index)));
}
