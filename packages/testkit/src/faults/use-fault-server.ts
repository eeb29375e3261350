import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { LOOPBACK_HOSTS } from '../nock-helpers';
import { type FaultServer, startFaultServer } from './fault-server';

/**
 * Starts one fault server for a vitest file and registers its lifecycle: started in `beforeAll`
 * with the network closed to all but loopback, checked for unrouted requests, reset and cleared of
 * nock interceptors after each test, closed in `afterAll`. Call it once at the top level of the
 * file.
 *
 * The server only exists once `beforeAll` has run, so the handle returned forwards every call to
 * it: it can be captured at collection time (by `describeReadFaults`, say) and used in any test.
 *
 * @example
 * const server = useFaultServer();
 * it('retries a 502', async () => {
 *   server.route('GET', '/payments/p1', faults.status(502), faults.json(200, payment));
 *   await provider(server.url).getPayment('p1');
 *   expect(server.count('GET', '/payments/p1')).toBe(2);
 * });
 */
export function useFaultServer(): FaultServer {
  let started: FaultServer | undefined;
  const current = (): FaultServer => {
    if (started === undefined) {
      throw new Error('the fault server starts in beforeAll: use it inside a test or a hook');
    }
    return started;
  };

  beforeAll(async () => {
    started = await startFaultServer();
    nock.disableNetConnect();
    nock.enableNetConnect(LOOPBACK_HOSTS);
  });
  afterEach(() => {
    expect(current().unrouted()).toEqual([]);
    current().reset();
    nock.cleanAll();
  });
  afterAll(() => started?.close());

  const handle: FaultServer = {
    get url() {
      return current().url;
    },
    get requests() {
      return current().requests;
    },
    route(method, path, ...actions) {
      current().route(method, path, ...actions);
      // Chained calls keep going through the handle, like the server's own `route`.
      return handle;
    },
    count: (method, path) => current().count(method, path),
    unrouted: () => current().unrouted(),
    reset: () => current().reset(),
    close: () => current().close(),
  };
  return handle;
}
