import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { mockProviderApi, withNock } from './nock-helpers';

describe('nock helpers', () => {
  it('mockProviderApi closes the network and intercepts the base URL', async () => {
    await withNock(async () => {
      const scope = mockProviderApi('https://api.helpers.test');
      scope.get('/ping').reply(200, { ok: true });
      const response = await fetch('https://api.helpers.test/ping');
      expect(await response.json()).toEqual({ ok: true });
      await expect(fetch('https://elsewhere.helpers.test/')).rejects.toThrow();
      expect(scope.isDone()).toBe(true);
    });
  });

  it('withNock reports unused interceptors and cleans up either way', async () => {
    await expect(
      withNock(() => {
        mockProviderApi('https://api.helpers.test').get('/never').reply(200);
      }),
    ).rejects.toThrow(/not used/);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
