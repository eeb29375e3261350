import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where the proxy forwards to, and the one-way delay it adds (simulated ms, drawn per leg). */
export interface LatencyProxyOptions {
  target: string;
  minDelayMs: number;
  maxDelayMs: number;
  /** Schedules on the simulated clock. */
  setTimeout(callback: () => void, ms: number): unknown;
  random(): number;
}

/** A running latency proxy. */
export interface LatencyProxy {
  /** Base URL to use instead of the target's: `http://127.0.0.1:<port>/via-proxy`. */
  url: string;
  /** Requests and responses being held back now: the driver must not wait for them in real time. */
  readonly held: number;
  /** The most requests outstanding at once, counted from arrival here until the answer is sent back. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy that delays each request on its way to the target and each response on its
 * way back by a random number of simulated milliseconds. Departures and arrivals then differ as on
 * a real network: requests overlap (the in-flight limit matters) and can arrive closer together
 * than they left (the rate limiter's window margin matters). Paths are served under `/via-proxy`,
 * so a monitor can tell the proxy's traffic from the target's.
 */
export async function startLatencyProxy(options: LatencyProxyOptions): Promise<LatencyProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(options.target);
  let held = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const delay = () => options.minDelayMs + options.random() * (options.maxDelayMs - options.minDelayMs);
  const hold = (action: () => void) => {
    held++;
    options.setTimeout(() => {
      held--;
      action();
    }, delay());
  };
  const server = http.createServer((request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => {
      inFlight--;
    });
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      hold(() => {
        const path = (request.url ?? '/').replace(/^\/via-proxy/, '');
        const headers = { ...request.headers, host: target.host };
        const upstream = http.request(
          new URL(path, target),
          { agent, method: request.method, headers },
          (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => parts.push(chunk));
            answer.on('end', () => {
              hold(() => {
                response.writeHead(answer.statusCode ?? 502, answer.headers);
                response.end(Buffer.concat(parts));
              });
            });
          },
        );
        upstream.on('error', () => response.writeHead(502).end());
        upstream.end(body);
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/via-proxy`,
    get held() {
      return held;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
