/** A request as the fault server saw it. `body` is `undefined` when the connection was cut before it was read. */
export interface FaultRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string | undefined;
  /** 1 for the first request on this route, 2 for the second, … */
  attempt: number;
}

/** What the fault server does with one request. */
export type FaultAction =
  | { kind: 'reply'; status: number; body: string; headers: Record<string, string> }
  /** Reads the request, then never answers: the client's timeout must fire. */
  | { kind: 'stall' }
  /** Sends the status line, headers and `partialBody`, then goes silent with the socket open. */
  | { kind: 'stall-after-headers'; status: number; headers: Record<string, string>; partialBody: string }
  /** Destroys the socket as soon as the request line arrives, before its body is read. */
  | { kind: 'reset-before-body' }
  /** Reads the whole body (the provider has committed the operation), then destroys the socket. */
  | { kind: 'reset-after-body' }
  /** Chooses the action from the request (its body, query or attempt number). */
  | { kind: 'dynamic'; choose: (request: FaultRequest) => FaultAction };

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * Builders of fault actions for `startFaultServer().route(...)`.
 *
 * @example
 * server.route('GET', '/payments/p1', faults.status(502), faults.json(200, payment));
 */
export const faults = {
  /** A JSON answer (`value` is serialised unless it is already a string). */
  json(status: number, value: unknown, headers: Record<string, string> = {}): FaultAction {
    const body = typeof value === 'string' ? value : JSON.stringify(value);
    return { kind: 'reply', status, body, headers: { ...JSON_TYPE, ...headers } };
  },
  /** Any body with any content type. */
  text(
    status: number,
    body: string,
    contentType = 'text/plain',
    headers: Record<string, string> = {},
  ): FaultAction {
    return { kind: 'reply', status, body, headers: { 'content-type': contentType, ...headers } };
  },
  /** A bare status with a short JSON error body, as gateways and load balancers send. */
  status(status: number, headers: Record<string, string> = {}): FaultAction {
    return faults.json(status, { error: `HTTP ${status}` }, headers);
  },
  /** An HTML error page, as a proxy or a CDN sends instead of the API's JSON. */
  html(status = 502, title = 'Bad Gateway'): FaultAction {
    const page = `<!DOCTYPE html><html><head><title>${status} ${title}</title></head><body><h1>${title}</h1><hr><center>nginx</center></body></html>`;
    return faults.text(status, page, 'text/html; charset=utf-8');
  },
  /** A body that claims to be JSON and is cut in the middle. */
  malformedJson(status = 200): FaultAction {
    return faults.text(status, '{"status":"ok","data":{"id":', 'application/json');
  },
  /** HTTP 429 with `Retry-After` as delta seconds or, given a `Date`, as an HTTP date. */
  rateLimited(retryAfter: number | Date, body: unknown = { error: 'Too Many Requests' }): FaultAction {
    const header = retryAfter instanceof Date ? retryAfter.toUTCString() : String(retryAfter);
    return faults.json(429, body, { 'retry-after': header });
  },
  stall(): FaultAction {
    return { kind: 'stall' };
  },
  stallAfterHeaders(
    status = 200,
    partialBody = '{"id":"',
    headers: Record<string, string> = JSON_TYPE,
  ): FaultAction {
    return { kind: 'stall-after-headers', status, headers, partialBody };
  },
  resetBeforeBody(): FaultAction {
    return { kind: 'reset-before-body' };
  },
  resetAfterBody(): FaultAction {
    return { kind: 'reset-after-body' };
  },
  /**
   * An error page that echoes the whole request (path, query, every header, body), as debugging
   * proxies do: whatever credential the request carried must not surface in the paymux error.
   */
  echoRequest(status = 502): FaultAction {
    return faults.dynamic((request) => {
      const headers = Object.entries(request.headers)
        .map(([name, value]) => `${name}: ${String(value)}`)
        .join('\n');
      return faults.text(
        status,
        `<html><body><h1>Upstream error</h1><pre>${request.method} ${request.path}?${request.query}\n${headers}\n\n${request.body ?? ''}</pre></body></html>`,
        'text/html',
      );
    });
  },
  dynamic(choose: (request: FaultRequest) => FaultAction): FaultAction {
    return { kind: 'dynamic', choose };
  },
} as const;
