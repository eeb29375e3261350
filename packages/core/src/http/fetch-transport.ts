import {
  assertSendableHeaders,
  DEFAULT_MAX_RESPONSE_BYTES,
  exchangeSignal,
  socketCode,
  type Transport,
  TransportError,
  type TransportOptions,
  type TransportResponse,
} from './transport';

/** The part of the WHATWG `fetch` paymux uses: any runtime's, or a user's own. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

const KNOWN_ENCODINGS = new Set(['identity', 'gzip', 'x-gzip', 'deflate', 'br']);

/** Reads a body chunk by chunk, refusing it as soon as it passes the limit. */
async function readLimited(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new TransportError(`the response exceeded ${maxBytes} bytes`, 'ERR_RESPONSE_TOO_LARGE');
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TransportError(`the response exceeded ${maxBytes} bytes`, 'ERR_RESPONSE_TOO_LARGE');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** Whether fetch failed while decoding the body (zlib's `Z_DATA_ERROR`, a bad brotli stream). */
function zlibFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR_FORMAT_PADDING_1')
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The transport's failure for whatever fetch threw. */
function fetchFailure(error: unknown, deadline: ReturnType<typeof exchangeSignal>): TransportError {
  const fired = deadline.failure();
  if (fired) return fired;
  if (error instanceof TransportError) return error;
  const code = zlibFailure(error) ? 'ERR_BAD_ENCODING' : (socketCode(error) ?? 'ECONNRESET');
  const message = error instanceof Error ? error.message : String(error);
  return new TransportError(message, code, { cause: error });
}

/**
 * A transport over a WHATWG `fetch`: for Bun, Deno, workers, or a fetch of your own (one with a
 * proxy dispatcher, say). It keeps the transport contract (see {@link Transport}): one deadline,
 * cancellation, the size limit (counted as the body arrives), no redirects (`redirect: 'manual'`;
 * a runtime that hides the 3xx behind an opaque response gets `ERR_REDIRECT`), and a header with a
 * line break refused before sending. fetch decodes gzip, deflate and brotli itself, so the limit
 * counts decoded bytes, and a gzip bomb is cut off at the limit.
 *
 * @example
 * const paymux = createPaymux({ providers: { main: { type: 'finrax', ...keys, transport: fetchTransport(fetch) } } });
 */
export function fetchTransport(fetch: FetchFunction, options: TransportOptions = {}): Transport {
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return {
    name: 'fetch',
    async send(request): Promise<TransportResponse> {
      if (!/^https?:\/\//i.test(request.url)) {
        throw new TransportError(`unsupported protocol in ${request.url.split(':')[0]}:`, 'ERR_BAD_PROTOCOL');
      }
      assertSendableHeaders(request.headers);
      const deadline = exchangeSignal(request);
      try {
        const failed = deadline.failure();
        if (failed) throw failed;
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: 'manual',
          signal: deadline.signal,
        });
        if (response.type === 'opaqueredirect') {
          throw new TransportError('the provider answered with a redirect', 'ERR_REDIRECT');
        }
        const raw = await readLimited(response, maxResponseBytes);
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          // Set-Cookie comes one entry per cookie; the node transport joins repeats with ", ".
          headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
        });
        // fetch has decoded the body already (so the limit above counted decoded bytes); an
        // encoding it does not know is refused, as the node transport refuses it.
        const encoding = headers['content-encoding']?.trim().toLowerCase();
        if (encoding && !KNOWN_ENCODINGS.has(encoding)) {
          throw new TransportError(`unsupported content encoding "${encoding}"`, 'ERR_BAD_ENCODING');
        }
        return { status: response.status, headers, rawBody: raw.toString('utf8') };
      } catch (error) {
        throw fetchFailure(error, deadline);
      } finally {
        deadline.done();
      }
    },
  };
}
