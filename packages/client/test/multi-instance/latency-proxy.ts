import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Arrival } from './server-traffic';

/** A loopback proxy in front of the sandbox that answers slowly, counting requests in progress. */
export interface LatencyProxy {
  /** `http://127.0.0.1:<port>/slow`: put it where the sandbox URL was. */
  url: string;
  /** The most requests in progress at once, as a provider taking that long to answer would count them. */
  maxInFlight: number;
  /** Every exchange, from the request's arrival here to its answer leaving (paths without `/slow`). */
  exchanges: Arrival[];
  close(): Promise<void>;
}

/**
 * Forwards each request to `target` at once (so the emulator's limits see it on arrival) and
 * holds its answer back for `delayMs()`: a provider that takes that long to answer. The clients'
 * requests then overlap, which the in-flight limit has to hold back; the emulator alone answers
 * in a millisecond and never has two in progress.
 */
export async function startLatencyProxy(target: string, delayMs: () => number): Promise<LatencyProxy> {
  let inFlight = 0;
  const proxy: LatencyProxy = { url: '', maxInFlight: 0, exchanges: [], close: async () => undefined };
  const server: Server = createServer((incoming, outgoing) => {
    inFlight += 1;
    proxy.maxInFlight = Math.max(proxy.maxInFlight, inFlight);
    const began = Date.now();
    const path = (incoming.url ?? '/').replace(/^\/slow/, '');
    const exchange: Arrival = { path: `${incoming.method} ${path}`, at: performance.now() };
    proxy.exchanges.push(exchange);
    const upstream = httpRequest(
      `${target}${path}`,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          setTimeout(
            () => {
              outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
              outgoing.end(Buffer.concat(chunks));
              inFlight -= 1;
            },
            Math.max(0, delayMs() - (Date.now() - began)),
          );
        });
      },
    );
    // The caller went away (a killed instance) before its answer: the exchange is over, and a
    // request it had not finished sending never reaches the sandbox.
    outgoing.on('close', () => {
      if (exchange.endedAt !== undefined) return;
      exchange.endedAt = performance.now();
      inFlight -= 1;
      upstream.destroy();
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
