import type { IncomingHttpHeaders } from 'node:http';

/** One request as an emulator sees it: the exact body bytes, and paths relative to its mount. */
export interface SandboxRequest {
  method: string;
  /** Path below the mount prefix, e.g. `/api/v1/payments` for `/finrax/api/v1/payments`. */
  path: string;
  /** The request target as received (path and query), e.g. `/finrax/api/v1/payments?x=1`. */
  rawTarget: string;
  /** `rawTarget` without the mount prefix, e.g. `/api/v1/payments?x=1`. */
  relativeTarget: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Named segments of the matched route (`/payments/:id` → `{ id }`). */
  params: Record<string, string>;
  /** `http://127.0.0.1:<port>`, for building absolute URLs in responses. */
  origin: string;
}

/** What a handler answers. */
export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

/** A route handler. */
export type RouteHandler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** What a mount sees before the body is read (used to count requests in flight). */
export interface RequestHead {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

/** The outcome of admitting a request: an early answer, or a release called once it is answered. */
export interface Admission {
  reject?: SandboxResponse;
  release: () => void;
}

/** A part of the URL space served by one emulator (or the control API). */
export interface Mount {
  prefix: string;
  /** Whether server-side chaos (5xx, dropped connections) may hit requests to this mount. */
  chaos: boolean;
  admit?: (head: RequestHead) => Admission;
  handle: (request: SandboxRequest) => Promise<SandboxResponse>;
}
