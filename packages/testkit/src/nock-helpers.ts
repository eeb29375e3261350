import nock from 'nock';

/** Hosts tests may still reach: loopback servers such as `createMockApiServer` or `@paymux/sandbox`. */
export const LOOPBACK_HOSTS = /127\.0\.0\.1|localhost/;

/**
 * Closes the network (loopback aside) and returns a fresh nock scope on `baseUrl`. Pair it with
 * `nock.cleanAll()` in `afterEach`, or use `withNock`, which does both.
 *
 * @example
 * const scope = mockProviderApi('https://mock.test');
 * scope.get('/payments/pay_1').reply(200, payment);
 * await provider.getPayment('pay_1');
 * expect(scope.isDone()).toBe(true);
 */
export function mockProviderApi(baseUrl: string, options?: nock.Options): nock.Scope {
  nock.disableNetConnect();
  nock.enableNetConnect(LOOPBACK_HOSTS);
  return nock(baseUrl, options);
}

/**
 * Runs `fn` with the network closed (loopback aside) and removes every interceptor afterwards,
 * whether `fn` passed or failed. Interceptors left unused are reported as an error.
 *
 * @example
 * await withNock(async () => {
 *   mockProviderApi(baseUrl).get('/payments/pay_1').reply(200, payment);
 *   await provider.getPayment('pay_1');
 * });
 */
export async function withNock<T>(
  fn: () => T | Promise<T>,
  options: { allowUnused?: boolean } = {},
): Promise<T> {
  nock.cleanAll();
  nock.disableNetConnect();
  nock.enableNetConnect(LOOPBACK_HOSTS);
  try {
    const result = await fn();
    const pending = nock.pendingMocks();
    if (!options.allowUnused && pending.length > 0) {
      throw new Error(`nock interceptors were not used: ${pending.join(', ')}`);
    }
    return result;
  } finally {
    nock.abortPendingRequests();
    nock.cleanAll();
  }
}
