import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { mockConformanceOptions as options } from '../mock/__fixtures__/mock-conformance-options';
import { CONFORMANCE_ACCOUNT, captureError, withConformanceHarness } from './conformance-harness';

describe('conformance harness', () => {
  it('records requests that reach no interceptor, and captures log lines', async () => {
    await withConformanceHarness(options, async ({ provider, unmatchedRequests, logs }) => {
      expect(provider.account).toBe(CONFORMANCE_ACCOUNT);
      const error = await captureError(() => provider.getPayment('pay_1'));
      expect(error).toBeDefined();
      expect(unmatchedRequests.length).toBeGreaterThan(0);
      expect(unmatchedRequests[0]).toContain('/payments/pay_1');
      expect(logs.length).toBeGreaterThan(0);
    });
  });

  it('leaves no interceptor behind, even when the body throws', async () => {
    await expect(
      withConformanceHarness(options, async ({ scope }) => {
        scope.get('/left-behind').reply(200);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('captureError fails when the call resolves', async () => {
    await expect(captureError(async () => 'fine')).rejects.toThrow(/resolved/);
  });
});
