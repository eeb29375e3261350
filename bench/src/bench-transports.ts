import { createRequire } from 'node:module';
import { axiosTransport, fetchTransport, type Transport, undiciTransport } from '@paymux/core';

/** The transports the provider-call benchmark runs paymux on; `node` is paymux's default. */
export const benchTransportNames = ['node', 'undici', 'fetch', 'axios'] as const;
export type BenchTransportName = (typeof benchTransportNames)[number];

// axios and undici are @paymux/core's dev dependencies (optional peers of its users): the bench
// loads core's copies instead of declaring them a second time.
const fromCore = createRequire(createRequire(import.meta.url).resolve('@paymux/core/package.json'));

/** A module of @paymux/core's own dependencies (`undici`, `axios`), for the bench's bare sides too. */
export const loadFromCore = (name: 'undici' | 'axios'): unknown => fromCore(name);

/**
 * The `transport` setting of an account for one benchmark side: `undefined` for the default
 * `node:http` transport, each other one built the way its TSDoc tells a user to.
 */
export function benchTransport(name: BenchTransportName): Transport | undefined {
  switch (name) {
    case 'node':
      return undefined;
    case 'fetch':
      return fetchTransport(globalThis.fetch);
    case 'axios': {
      const axios = fromCore('axios') as { create(): Parameters<typeof axiosTransport>[0] };
      return axiosTransport(axios.create());
    }
    case 'undici':
      return undiciTransport(fromCore('undici') as Parameters<typeof undiciTransport>[0]);
  }
}
