import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of one upstream (a sandbox, a mock API) that remembers every
 * request it forwards, so a test can count what reached the provider from other processes.
 */
export interface CountingProxy {
  /** `http://127.0.0.1:<port>`: put it where the upstream's origin was. */
  url: string;
  /** How many forwarded requests, as `METHOD /path?query`, match `pattern`. */
  count(pattern: RegExp): number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts a {@link CountingProxy} forwarding to `target` (an origin such as a sandbox's `url`).
 *
 * @example
 * const proxy = await startCountingProxy(sandbox.url);
 * // … child processes talk to proxy.url instead of sandbox.url …
 * expect(proxy.count(/^POST \/api\/v2\/StartPayment/)).toBe(1);
 * await proxy.close();
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const seen: string[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((incoming, answer) => {
    seen.push(`${incoming.method} ${incoming.url}`);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      },
    );
    forward.on('error', () => answer.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: (pattern) => seen.filter((line) => pattern.test(line)).length,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
