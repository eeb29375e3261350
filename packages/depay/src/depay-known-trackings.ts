import type { AccountState, WebhookContext } from '@paymux/core';

const trackingKey = (uuid: string) => `depay:tracking:${uuid}`;

/**
 * Records in the account's durable state that this merchant created the tracking `uuid`, so that
 * its callbacks are trusted after a restart, or on another instance sharing the store, even when
 * the adapter is used without the client (whose store remembers created objects too).
 *
 * @example
 * await rememberDepayTracking(state, payment.providerPaymentId, new Date());
 */
export async function rememberDepayTracking(state: AccountState, uuid: string, now: Date): Promise<void> {
  await state.setIfAbsent(trackingKey(uuid), { createdAt: now.toISOString() });
}

/**
 * Whether the tracking `uuid` is one this merchant created: the client's record of created
 * objects (`isKnownObject`), else the adapter's own record in the account state. `undefined` when
 * neither can tell (no store), which callers treat as "cannot confirm".
 */
export async function isKnownDepayTracking(
  context: WebhookContext,
  state: AccountState,
  uuid: string,
): Promise<boolean | undefined> {
  const known = await context.isKnownObject?.('payment', uuid);
  if (known === true) return true;
  if ((await (context.state ?? state).get(trackingKey(uuid))) !== undefined) return true;
  return known;
}
