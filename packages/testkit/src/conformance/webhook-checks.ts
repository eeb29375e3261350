import {
  type ProviderCapabilities,
  WebhookVerificationError,
  type WebhookContext,
  webhookEventSchema,
} from '@paymux/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceOptions, WebhookCase, WebhookFixture } from '../conformance-types';
import { CONFORMANCE_ACCOUNT, captureError, withConformanceHarness } from './conformance-harness';
import { describeThrown } from './expected-errors';
import { findMoneyViolations } from './money-scan';
import { findSecretLeaks, logExposures } from './secret-scan';

/** The webhook context a fixture asks for: its clock and its known objects. */
export function webhookContextFor(fixture: WebhookFixture): WebhookContext {
  const now = fixture.now;
  const known = fixture.knownObjects;
  return {
    now: () => (now ? new Date(now.getTime()) : new Date()),
    ...(known ? { isKnownObject: async (_kind, providerId) => known.includes(providerId) } : {}),
  };
}

/** A case built from the genuine notification: with no headers at all, a signature cannot check. */
function derivedCases(valid: WebhookFixture, capabilities: ProviderCapabilities): WebhookCase[] {
  const verification = capabilities.webhooks.verification;
  if (verification.length !== 1 || verification[0] !== 'signature') return [];
  return [
    {
      ...valid,
      name: 'the genuine notification without any header (suite-made)',
      request: { ...valid.request, headers: {} },
    },
  ];
}

/**
 * A genuine notification yields at least one event valid against `webhookEventSchema`, carrying
 * the account name and decimal amounts, answered with a 2xx, without any secret.
 */
export async function checkValidWebhook(options: ConformanceOptions): Promise<void> {
  const fixture = await options.webhooks.valid();
  await withConformanceHarness(options, async ({ provider, scope, logs }) => {
    fixture.mock?.(scope);
    const result = await provider.parseWebhook(fixture.request, webhookContextFor(fixture));
    expect(result.events.length, 'events of the genuine notification').toBeGreaterThanOrEqual(1);
    for (const [index, event] of result.events.entries()) {
      const parsed = webhookEventSchema.safeParse(event);
      expect(parsed.success ? [] : parsed.error.issues, `event ${index} against webhookEventSchema`).toEqual(
        [],
      );
      expect(event.provider, `event ${index} provider (the account name)`).toBe(CONFORMANCE_ACCOUNT);
      expect(findMoneyViolations(event), `event ${index} Money amounts`).toEqual([]);
    }
    expect(result.response.status, 'HTTP answer to the provider').toBeGreaterThanOrEqual(200);
    expect(result.response.status, 'HTTP answer to the provider').toBeLessThan(300);
    expect(scope.pendingMocks(), 'verification interceptors not used').toEqual([]);
    const leaks = findSecretLeaks(options.secrets, [
      ...result.events.map((event, index) => ({ label: `event ${index}`, value: event })),
      { label: 'webhook response', value: result.response },
      ...logExposures(logs),
    ]);
    expect(leaks).toEqual([]);
  });
}

/** Every forged or tampered notification throws `WebhookVerificationError`, so nothing is emitted. */
export async function checkInvalidWebhooks(
  options: ConformanceOptions,
  capabilities: ProviderCapabilities,
): Promise<void> {
  const cases = [...(await options.webhooks.invalid())];
  expect(cases.length, 'webhooks.invalid() must give at least one case').toBeGreaterThan(0);
  cases.push(...derivedCases(await options.webhooks.valid(), capabilities));
  for (const webhookCase of cases) {
    await withConformanceHarness(options, async ({ provider, scope, logs }) => {
      webhookCase.mock?.(scope);
      const error = await captureError(() =>
        provider.parseWebhook(webhookCase.request, webhookContextFor(webhookCase)),
      ).catch(() => {
        throw new Error(`${webhookCase.name}: accepted, but it must throw WebhookVerificationError`);
      });
      expect(WebhookVerificationError.is(error), `${webhookCase.name}: ${describeThrown(error)}`).toBe(true);
      const leaks = findSecretLeaks(options.secrets, [
        { label: `${webhookCase.name}: error`, value: error },
        ...logExposures(logs),
      ]);
      expect(leaks).toEqual([]);
    });
  }
}

/** Webhooks: a genuine notification yields valid events; every forged or tampered one is refused. */
export function registerWebhookChecks(options: ConformanceOptions, capabilities: ProviderCapabilities): void {
  describe('webhooks', () => {
    it('a genuine notification yields at least one event of the unified model', () =>
      checkValidWebhook(options));
    it('every forged or tampered notification throws WebhookVerificationError and yields nothing', () =>
      checkInvalidWebhooks(options, capabilities));
  });
}
