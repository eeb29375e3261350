import { createRequire } from 'node:module';
import { axiosTransport, fetchTransport, type Transport, undiciTransport } from '@paymux/core';

/** One transport an adapter's suites run on (see `describeReadFaults`' `transport`). */
export interface TransportUnderTest {
  /** `node` (paymux's default), `fetch`, `axios`, `undici`. */
  name: string;
  /** The `transport` setting; `undefined` for the default. */
  transport: Transport | undefined;
  /** Whether nock intercepts it (nock 14 patches `node:http` and the global fetch, not undici). */
  nockIntercepts: boolean;
}

/** Loads an optional peer of @paymux/core: from here, else from core's own dependencies. */
function loadOptionalPeer(name: string): unknown {
  const here = createRequire(import.meta.url);
  try {
    return here(name);
  } catch {
    return createRequire(here.resolve('@paymux/core/package.json'))(name);
  }
}

/**
 * Every transport paymux ships, built the way its TSDoc tells a user to, for suites that must
 * hold on each. axios and undici are optional peers: they are loaded from the test's dependencies
 * or @paymux/core's, and a missing one fails loudly rather than shrinking the matrix.
 *
 * @example
 * for (const t of transportsUnderTest()) describeReadFaults({ ...matrix(t.transport), transport: t });
 */
export function transportsUnderTest(): TransportUnderTest[] {
  const axios = loadOptionalPeer('axios') as { create(): Parameters<typeof axiosTransport>[0] };
  const undici = loadOptionalPeer('undici') as Parameters<typeof undiciTransport>[0];
  return [
    { name: 'node', transport: undefined, nockIntercepts: true },
    // Read at call time: nock replaces the global fetch when it is activated.
    {
      name: 'fetch',
      transport: fetchTransport((input, init) => globalThis.fetch(input, init)),
      nockIntercepts: true,
    },
    { name: 'axios', transport: axiosTransport(axios.create()), nockIntercepts: true },
    { name: 'undici', transport: undiciTransport(undici), nockIntercepts: false },
  ];
}
