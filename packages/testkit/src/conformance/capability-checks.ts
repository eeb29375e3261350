import { type ProviderCapabilities, requiredOperations, UnsupportedOperationError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceOptions } from '../conformance-types';
import { captureError, withConformanceHarness } from './conformance-harness';
import { describeThrown } from './expected-errors';
import { findMoneyViolations } from './money-scan';
import {
  callWithSampleInput,
  type FixtureOperation,
  fixtureOperations,
  resultValidators,
} from './operation-results';
import { findSecretLeaks, logExposures } from './secret-scan';

/** `createPayment`, `getPayment` and `parseWebhook` are declared. */
export function checkRequiredOperations(capabilities: ProviderCapabilities): void {
  for (const name of requiredOperations) {
    expect(capabilities.operations[name], `${name} is required`).toBeDefined();
  }
}

/**
 * A declared operation has a fixture and works against its mocks: every interceptor used, nothing
 * unmatched, a result of the unified model with decimal amounts and without secrets.
 */
export async function checkDeclaredOperation(
  options: ConformanceOptions,
  name: FixtureOperation,
): Promise<void> {
  const fixture = options.operations[name];
  expect(fixture, `${name} is declared, so options.operations.${name} must exercise it`).toBeDefined();
  if (!fixture) return;
  await withConformanceHarness(options, async ({ provider, scope, logs, unmatchedRequests }) => {
    fixture.mock(scope);
    const result = await fixture.call(provider);
    expect(unmatchedRequests, 'requests that matched no interceptor').toEqual([]);
    expect(scope.pendingMocks(), 'interceptors the operation did not use').toEqual([]);
    expect(resultValidators[name](result), `${name} result against the unified model`).toEqual([]);
    expect(findMoneyViolations(result), 'Money amounts must be decimal strings').toEqual([]);
    const leaks = findSecretLeaks(options.secrets, [
      { label: `${name} result`, value: result },
      ...logExposures(logs),
    ]);
    expect(leaks).toEqual([]);
  });
}

/** An undeclared operation has no fixture and throws `UnsupportedOperationError` with no request sent. */
export async function checkUndeclaredOperation(
  options: ConformanceOptions,
  name: FixtureOperation,
): Promise<void> {
  expect(
    options.operations[name],
    `a fixture is given for ${name}, which the capabilities do not declare`,
  ).toBeUndefined();
  await withConformanceHarness(options, async ({ provider, unmatchedRequests }) => {
    const error = await captureError(() => callWithSampleInput[name](provider));
    expect(UnsupportedOperationError.is(error), describeThrown(error)).toBe(true);
    expect(unmatchedRequests, 'requests sent by an undeclared operation').toEqual([]);
  });
}

/**
 * Capability honesty: what `capabilities.operations` declares works against its mocks (with a
 * result in the unified model, decimal amounts and no secret), and what it does not declare throws
 * `UnsupportedOperationError` without sending anything.
 */
export function registerCapabilityChecks(
  options: ConformanceOptions,
  capabilities: ProviderCapabilities,
): void {
  describe('capabilities', () => {
    it('declares the required operations (createPayment, getPayment, parseWebhook)', () => {
      checkRequiredOperations(capabilities);
    });
    for (const name of fixtureOperations) {
      if (capabilities.operations[name] === undefined) {
        it(`${name} (not declared) throws UnsupportedOperationError before any I/O`, () =>
          checkUndeclaredOperation(options, name));
      } else {
        it(`${name} (declared) works against its mocks: unified model, decimal amounts, no secret`, () =>
          checkDeclaredOperation(options, name));
      }
    }
  });
}
