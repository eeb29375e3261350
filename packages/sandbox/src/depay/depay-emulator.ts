import type { KeyObject } from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';
import { ControlError, found } from '../control/control-error';
import type {
  ControlSnapshot,
  ControlTarget,
  FailTrackingInput,
  DepayFailedReason,
} from '../control/control-types';
import { amountToPay, confirmationsOf } from '../control/pay-amount';
import type { EmulatorContext, ProviderEmulator } from '../control/provider-emulator';
import { writeJson } from '../core/json-value';
import { HttpRouter } from '../http/http-router';
import type { Mount, RequestHead } from '../http/http-types';
import type { RetryPolicy } from '../webhooks/webhook-types';
import type { DepayPayment } from './depay-model';
import { type DepayLimits, DepayRateLimiter } from './depay-rate-limiter';
import { depayError, registerDepayRoutes } from './depay-routes';
import { signDepayBody } from './depay-signature';
import { DepayTracker } from './depay-tracker';
import { depayPaymentView } from './depay-views';

/** Settings of the DePay emulator. */
export interface DepayEmulatorOptions {
  apiKey: string;
  callbackPrivateKey: KeyObject;
  limits?: Partial<DepayLimits>;
}

/** The DePay emulator plus its one extra control: failing a tracking. */
export interface DepayEmulator extends ProviderEmulator {
  failTracking(input: FailTrackingInput): ControlSnapshot;
}

const FAILED_REASONS: readonly DepayFailedReason[] = [
  'FAILED',
  'MISMATCH',
  'TRANSACTION_MISMATCH',
  'TOKEN_MISMATCH',
  'SENDER_MISMATCH',
  'RECEIVER_MISMATCH',
  'NONCE_MISMATCH',
  'AMOUNT_MISMATCH',
  'TRACKING_TIMED_OUT',
];

/**
 * DePay's documented schedule: 25 retries, `(retry_count ** 4) + 15 + (rand(30) * (retry_count + 1))`
 * seconds; 200 and 202 both accept the callback.
 */
export const DEPAY_RETRY_POLICY: RetryPolicy = {
  maxRetries: 25,
  delayMs: (retry) => (retry ** 4 + 15 + Math.floor(Math.random() * 30) * (retry + 1)) * 1000,
  accepts: (status) => status === 200 || status === 202,
  timeoutMs: 10_000,
};

function sameKey(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Creates the DePay (API v2) emulator. */
export function createDepayEmulator(context: EmulatorContext, options: DepayEmulatorOptions): DepayEmulator {
  const limiter = new DepayRateLimiter(
    { requestsPerSecond: 10, maxInFlight: 10, dailyQuota: 14_400, ...options.limits },
    context.clock,
  );
  const tracker = new DepayTracker(context.clock, (payment) => {
    if (!payment.callback) return;
    context.webhooks.send({
      provider: 'depay',
      event: `payment.${payment.status}`,
      url: payment.callback,
      body: writeJson(depayPaymentView(payment)),
      headers: (rawBody) => ({
        'content-type': 'application/json',
        'x-signature': signDepayBody(rawBody, options.callbackPrivateKey, payment.form === 'later'),
      }),
      retry: DEPAY_RETRY_POLICY,
      onAccepted: (status) => {
        // 200 releases the user at once; 202 waits for POST /payments/release.
        if (status === 200) payment.release ??= new Date(context.clock.now()).toISOString();
      },
    });
  });
  const router = new HttpRouter();
  registerDepayRoutes(router, tracker, context.clock, options.callbackPrivateKey);

  const mount: Mount = {
    prefix: '/depay',
    chaos: true,
    admit: (head: RequestHead) => {
      if (!sameKey(head.headers['x-api-key'], options.apiKey)) {
        return {
          reject: depayError(401, 'Unauthorized: missing or invalid x-api-key'),
          release: () => undefined,
        };
      }
      const admission = limiter.admit();
      if (admission !== 'admitted') {
        const reject = depayError(429, `Too Many Requests (${admission})`);
        reject.headers = { ...reject.headers, 'retry-after': String(limiter.retryAfterSeconds()) };
        return { reject, release: () => undefined };
      }
      return { release: () => limiter.release() };
    },
    handle: (request) => {
      tracker.expireDue();
      if (!request.path.startsWith('/v2/')) return Promise.resolve(depayError(404, 'Not found'));
      return router.dispatch({ ...request, path: request.path.slice(3) }, (reason) =>
        reason === 'not-found' ? depayError(404, 'Not found') : depayError(405, 'Method not allowed'),
      );
    },
  };

  const snapshot = (payment: DepayPayment): ControlSnapshot => ({
    provider: 'depay',
    kind: 'payment',
    id: payment.uuid,
    status: payment.failedReason ? `failed (${payment.failedReason})` : payment.status,
    currency: payment.token,
    expectedAmount: payment.amount,
    receivedAmount: payment.paidAmount,
    confirmations: payment.seenConfirmations,
    requiredConfirmations: payment.confirmations,
  });
  const payment = (target: ControlTarget) => found(tracker.find(target.id), `DePay payment ${target.id}`);
  const noPayouts = (): never => {
    throw new ControlError(400, 'DePay has no payouts');
  };

  return {
    name: 'depay',
    mount,
    pay: (input) => {
      const target = payment(input);
      return snapshot(
        tracker.observe(
          target,
          amountToPay(input, target.amount, 18),
          confirmationsOf(input.confirmations, 0),
        ),
      );
    },
    confirm: (input) =>
      snapshot(
        tracker.confirm(
          payment(input),
          input.confirmations === undefined ? undefined : confirmationsOf(input.confirmations, 0),
        ),
      ),
    expire: (target) => snapshot(tracker.fail(payment(target), 'TRACKING_TIMED_OUT')),
    hold: () => {
      throw new ControlError(400, 'DePay has no AML/KYT hold');
    },
    inspect: (target, kind) => (kind === 'payout' ? noPayouts() : snapshot(payment(target))),
    approvePayout: noPayouts,
    declinePayout: noPayouts,
    onClockAdvanced: () => tracker.expireDue(),
    failTracking: (input) => {
      if (!FAILED_REASONS.includes(input.reason)) {
        throw new ControlError(400, `reason must be one of ${FAILED_REASONS.join(', ')}`);
      }
      return snapshot(tracker.fail(payment({ provider: 'depay', id: input.id }), input.reason));
    },
  };
}
