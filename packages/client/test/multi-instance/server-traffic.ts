import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request an in-process server received: arrival and answer times (ms, `performance.now()`) and status. */
export interface Arrival {
  path: string;
  at: number;
  endedAt?: number;
  status?: number;
  /** The answer's body, for a refusal (429), to tell which limit refused. */
  detail?: string;
}

/**
 * Watches what an in-process HTTP server (the sandbox) receives, through `node:diagnostics_channel`,
 * so the test counts what the provider saw rather than what the clients meant to send.
 */
export class ServerTraffic {
  readonly arrivals: Arrival[] = [];
  maxInFlight = 0;
  private inFlight = 0;
  private readonly pending = new WeakMap<IncomingMessage, Arrival>();
  private readonly onStart = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    const path = request.url ?? '/';
    if (!this.filter(path)) return;
    const arrival: Arrival = { path: `${request.method} ${path}`, at: performance.now() };
    this.arrivals.push(arrival);
    this.pending.set(request, arrival);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
  };
  private readonly onFinish = (message: unknown) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const arrival = this.pending.get(request);
    if (!arrival) return;
    this.pending.delete(request);
    arrival.endedAt = performance.now();
    arrival.status = response.statusCode;
    this.inFlight -= 1;
  };

  constructor(private readonly filter: (path: string) => boolean) {
    diagnosticsChannel.subscribe('http.server.request.start', this.onStart);
    diagnosticsChannel.subscribe('http.server.response.finish', this.onFinish);
  }

  /** The most arrivals within any `windowMs` (half-open). */
  busiestWindow(windowMs: number): number {
    const times = this.arrivals.map((arrival) => arrival.at).sort((a, b) => a - b);
    let most = 0;
    let from = 0;
    for (let to = 0; to < times.length; to += 1) {
      while (times[to]! - times[from]! >= windowMs) from += 1;
      most = Math.max(most, to - from + 1);
    }
    return most;
  }

  /** The arrivals of the busiest `windowMs` (half-open), in arrival order. */
  busiestArrivals(windowMs: number): Arrival[] {
    const sorted = [...this.arrivals].sort((a, b) => a.at - b.at);
    let best: Arrival[] = [];
    let from = 0;
    for (let to = 0; to < sorted.length; to += 1) {
      while (sorted[to]!.at - sorted[from]!.at >= windowMs) from += 1;
      if (to - from + 1 > best.length) best = sorted.slice(from, to + 1);
    }
    return best;
  }

  close(): void {
    diagnosticsChannel.unsubscribe('http.server.request.start', this.onStart);
    diagnosticsChannel.unsubscribe('http.server.response.finish', this.onFinish);
  }
}

/** Keys (per `keyOf`) that had two requests in progress at once. */
export function overlapping(arrivals: Arrival[], keyOf: (arrival: Arrival) => string | undefined): string[] {
  const byKey = new Map<string, Arrival[]>();
  for (const arrival of arrivals) {
    const key = keyOf(arrival);
    if (key === undefined) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), arrival]);
  }
  const found: string[] = [];
  for (const [key, list] of byKey) {
    const sorted = list.sort((a, b) => a.at - b.at);
    for (let i = 1; i < sorted.length; i += 1) {
      const previous = sorted[i - 1]!;
      if (previous.endedAt === undefined || sorted[i]!.at < previous.endedAt) {
        found.push(key);
        break;
      }
    }
  }
  return found;
}
