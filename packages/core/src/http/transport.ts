/** One request as it goes on the wire. */
export interface TransportRequest {
  method: string;
  /** Absolute `http:` or `https:` URL. */
  url: string;
  headers: Record<string, string>;
  /** The exact bytes to send (already serialised and signed). */
  body: string | undefined;
  /** Deadline for the whole exchange, body included, in milliseconds. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** A response with its body decoded to text. Header names are lower case. */
export interface TransportResponse {
  status: number;
  headers: Record<string, string>;
  rawBody: string;
}

/**
 * What sends paymux's requests. Every transport keeps the same contract, which its own tests and
 * the read-fault matrix check: one deadline for the whole exchange (body included), cancellation
 * by `AbortSignal`, gzip/deflate/brotli bodies decoded, bodies over the size limit refused
 * (compressed or decoded), redirects never followed (a 3xx is returned as it is), a header with a
 * line break refused before anything is sent, and every failure a {@link TransportError}.
 *
 * The default is `createNodeTransport()` (ADR 0009); `fetchTransport(fetch)` serves Bun, Deno,
 * workers or a user's own fetch, and `axiosTransport(instance)` a user's axios (ADR 0015).
 *
 * @example
 * const transport: Transport = fetchTransport(globalThis.fetch);
 * const response = await transport.send({ method: 'GET', url: 'https://api.example.com/v1/x', headers: {}, body: undefined, timeoutMs: 15_000 });
 */
export interface Transport {
  /** For logs and errors: `node`, `fetch`, `axios`, `undici`. */
  readonly name: string;
  /** Sends one request and reads its whole response. */
  send(request: TransportRequest): Promise<TransportResponse>;
}

/**
 * A failure of the exchange itself, before a whole response arrived. `code` is Node's socket code
 * (`ECONNRESET`, `ECONNREFUSED`…) or one of the transport's own: `ETIMEDOUT` (the deadline passed,
 * even while a body was trickling in), `ERR_CANCELED` (the caller's signal), `ERR_RESPONSE_TOO_LARGE`,
 * `ERR_BAD_ENCODING` (a compressed body that does not decompress), `ERR_INVALID_HEADER` (a header
 * that would split the request).
 */
export class TransportError extends Error {
  readonly code: string;
  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
    this.code = code;
  }
}

/** Responses larger than this are refused by default (a provider answer is a few kilobytes). */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** Options every transport accepts. */
export interface TransportOptions {
  /** Responses larger than this (compressed or decoded) are refused. */
  maxResponseBytes?: number;
}

// A header name is an RFC 9110 token; a value holds no CR, LF or NUL.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE_FORBIDDEN = /[\r\n\0]/;

/**
 * Refuses a header that would split the request or smuggle another one. Node refuses these on
 * its own, but not every fetch or axios adapter does, so every transport checks before sending.
 *
 * @example
 * assertSendableHeaders({ authorization: 'Bearer x\r\nX-Evil: 1' }); // throws ERR_INVALID_HEADER
 */
export function assertSendableHeaders(headers: Record<string, string>): void {
  for (const name in headers) {
    if (!HEADER_NAME.test(name)) {
      throw new TransportError(`invalid header name "${name.slice(0, 40)}"`, 'ERR_INVALID_HEADER');
    }
    if (HEADER_VALUE_FORBIDDEN.test(headers[name]!)) {
      // The value is not quoted: it may be a credential.
      throw new TransportError(`invalid character in header "${name}"`, 'ERR_INVALID_HEADER');
    }
  }
}

/**
 * A deadline and the caller's signal folded into one `AbortSignal`, for transports that cancel by
 * signal (fetch, axios). `failure()` says which of the two fired, as a {@link TransportError}.
 */
export function exchangeSignal(request: TransportRequest): {
  signal: AbortSignal;
  failure(): TransportError | undefined;
  done(): void;
} {
  const controller = new AbortController();
  let reason: TransportError | undefined;
  const abort = (error: TransportError) => {
    if (reason) return;
    reason = error;
    controller.abort(error);
  };
  const { signal } = request;
  const onAbort = () =>
    abort(new TransportError('the request was cancelled', 'ERR_CANCELED', { cause: signal?.reason }));
  const timer = setTimeout(
    () => abort(new TransportError(`timeout of ${request.timeoutMs}ms exceeded`, 'ETIMEDOUT')),
    request.timeoutMs,
  );
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    failure: () => reason,
    done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * The socket code (`ECONNRESET`, `EAI_AGAIN`…, not a library's `ERR_…`) of an error or of its
 * causes: `fetch failed` hides it in `cause`.
 */
export function socketCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E(?!RR_)[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
