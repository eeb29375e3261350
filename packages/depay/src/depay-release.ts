import {
  type AccountState,
  type CallOptions,
  type Payment,
  ProviderRejectedError,
  parseInput,
} from '@paymux/core';
import type { z } from 'zod';
import { depayReleaseRequest } from './depay-api';
import type { DepayClient } from './depay-client';
import { type DepayMapContext, toDepayPayment } from './depay-payment-mapper';

const releasedKey = (uuid: string) => `depay:released:${uuid}`;

/** What the unified `releasePayment` needs from the account. */
export interface DepayReleaseContext {
  account: string;
  api: DepayClient;
  state: AccountState;
  map: DepayMapContext;
  paymentIdSchema: z.ZodType<string>;
}

/**
 * The unified `releasePayment`: after a callback answered 202 (`callbackAnswer: 'hold'`), tells
 * DePay the merchant is ready, so that it forwards the customer. The tracking is read first
 * (signed answer), and its own `blockchain`, `transaction`, `sender`, `nonce` and uuid, in the
 * form DePay gave them, make the release body; `POST /payments/release` is repeated until DePay
 * answers 200. A release that succeeded is recorded in the account state, so a repeat (even after
 * a restart) does not send it again. Only a succeeded tracking can be released.
 *
 * @example
 * const payment = await provider.releasePayment('74417770-e6ac-4ae8-b027-0657600d7bad');
 */
export async function releaseDepayPayment(
  id: string,
  options: CallOptions,
  context: DepayReleaseContext,
): Promise<Payment> {
  const operation = 'releasePayment';
  const uuid = parseInput(context.paymentIdSchema, id, { provider: context.account, operation });
  const request = options;
  const read = await context.api.getPayment(uuid, request);
  if (read.payment.status !== 'success') {
    throw new ProviderRejectedError(
      `DePay releases the customer of a succeeded tracking only; this one is ${read.payment.status}`,
      {
        provider: context.account,
        operation,
        providerCode: 'tracking_not_succeeded',
        httpStatus: read.httpStatus,
        retryable: read.payment.status === 'pending',
      },
    );
  }
  if ((await context.state.get(releasedKey(uuid))) !== undefined) {
    return toDepayPayment(read.payment, read.body, context.map);
  }
  await context.api.releasePayment(depayReleaseRequest(read.payment), request);
  await context.state.set(releasedKey(uuid), { releasedAt: context.map.now().toISOString() });
  // Read again: DePay's answer now shows the release (its `release` field, kept in `raw`).
  const after = await context.api.getPayment(uuid, request);
  return toDepayPayment(after.payment, after.body, context.map);
}
