import type { Payment } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceOptions } from '../conformance-types';
import { withConformanceHarness } from './conformance-harness';
import { findMoneyViolations } from './money-scan';
import { resultValidators } from './operation-results';
import { findSecretLeaks, logExposures } from './secret-scan';

/** A raw status no provider sends: it must come out as `unknown`, never as a guess. */
export const UNKNOWN_RAW_STATUS = 'SOMETHING_NEW_42';

async function paymentWithStatus(options: ConformanceOptions, rawStatus: string): Promise<Payment> {
  return withConformanceHarness(options, async ({ provider, scope, logs }) => {
    const fixture = options.paymentWithStatus(rawStatus);
    fixture.mock(scope);
    const result = await fixture.call(provider);
    expect(scope.pendingMocks(), 'interceptors the fixture did not use').toEqual([]);
    expect(resultValidators.getPayment(result), 'result against the payment model').toEqual([]);
    expect(findMoneyViolations(result), 'Money amounts must be decimal strings').toEqual([]);
    expect(
      findSecretLeaks(options.secrets, [{ label: 'payment', value: result }, ...logExposures(logs)]),
    ).toEqual([]);
    return result as Payment;
  });
}

/** The adapter lists the raw statuses its table knows, and not the suite's unknown one. */
export function checkKnownStatusesListed(options: ConformanceOptions): void {
  expect(options.knownStatuses.length).toBeGreaterThan(0);
  expect(options.knownStatuses).not.toContain(UNKNOWN_RAW_STATUS);
}

/** A known raw status maps to a unified status other than `unknown`, with `rawStatus` kept. */
export async function checkKnownStatus(options: ConformanceOptions, rawStatus: string): Promise<void> {
  const payment = await paymentWithStatus(options, rawStatus);
  expect(payment.status, `raw status "${rawStatus}"`).not.toBe('unknown');
  expect(payment.rawStatus).toBe(rawStatus);
}

/** A raw status the adapter cannot know maps to `unknown`, with `rawStatus` kept. */
export async function checkUnknownStatus(options: ConformanceOptions): Promise<void> {
  const payment = await paymentWithStatus(options, UNKNOWN_RAW_STATUS);
  expect(payment.status, `raw status "${UNKNOWN_RAW_STATUS}"`).toBe('unknown');
  expect(payment.rawStatus).toBe(UNKNOWN_RAW_STATUS);
}

/** Status-map exhaustiveness: every known raw status maps somewhere real, an unknown one to `unknown`. */
export function registerStatusMapChecks(options: ConformanceOptions): void {
  describe('status map', () => {
    it('lists the raw statuses its table knows', () => checkKnownStatusesListed(options));
    for (const rawStatus of options.knownStatuses) {
      it(`raw status "${rawStatus}" maps to a unified status other than unknown`, () =>
        checkKnownStatus(options, rawStatus));
    }
    it(`an unknown raw status ("${UNKNOWN_RAW_STATUS}") becomes unknown, with rawStatus kept`, () =>
      checkUnknownStatus(options));
  });
}
