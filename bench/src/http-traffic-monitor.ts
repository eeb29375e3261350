import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request the in-process server received: when (by `Date.now()`, so fake time when faked) and what it answered. */
export interface ServerArrival {
  atMs: number;
  method: string;
  path: string;
  status?: number;
}

/**
 * Watches this process's HTTP traffic through `node:diagnostics_channel`: client requests still
 * waiting for their response (so a fake-time driver knows when real I/O has settled), and every
 * request an in-process server received, stamped with `Date.now()` on arrival, with the largest
 * number it had in flight at once.
 */
export class HttpTrafficMonitor {
  readonly arrivals: ServerArrival[] = [];
  clientStarted = 0;
  clientFinished = 0;
  serverInFlight = 0;
  maxServerInFlight = 0;
  private readonly pendingServer = new WeakMap<IncomingMessage, ServerArrival>();
  private readonly subscriptions: [string, (message: unknown) => void][] = [];

  constructor(private readonly pathFilter: (path: string) => boolean) {
    this.on('http.client.request.start', () => {
      this.clientStarted++;
    });
    this.on('http.client.response.finish', () => {
      this.clientFinished++;
    });
    // Fired on Node versions that have it: a request that failed never gets a response.
    this.on('http.client.request.error', () => {
      this.clientFinished++;
    });
    this.on('http.server.request.start', (message) => {
      const { request } = message as { request: IncomingMessage };
      const path = request.url ?? '/';
      if (!this.pathFilter(path)) return;
      const arrival: ServerArrival = { atMs: Date.now(), method: request.method ?? 'GET', path };
      this.arrivals.push(arrival);
      this.pendingServer.set(request, arrival);
      this.serverInFlight++;
      this.maxServerInFlight = Math.max(this.maxServerInFlight, this.serverInFlight);
    });
    this.on('http.server.response.finish', (message) => {
      const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
      const arrival = this.pendingServer.get(request);
      if (!arrival) return;
      arrival.status = response.statusCode;
      this.pendingServer.delete(request);
      this.serverInFlight--;
    });
  }

  /** Client requests sent and not yet answered. */
  get clientPending(): number {
    return this.clientStarted - this.clientFinished;
  }

  /** Forgets the arrivals so far and the in-flight maximum (counters of pending work are kept). */
  resetArrivals(): void {
    this.arrivals.length = 0;
    this.maxServerInFlight = this.serverInFlight;
  }

  close(): void {
    for (const [name, listener] of this.subscriptions) diagnosticsChannel.unsubscribe(name, listener);
    this.subscriptions.length = 0;
  }

  private on(name: string, listener: (message: unknown) => void): void {
    diagnosticsChannel.subscribe(name, listener);
    this.subscriptions.push([name, listener]);
  }
}
