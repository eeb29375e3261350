import { decodeBody } from './decode-body';
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

/** The body stream undici's `request()` answers with (a Node `Readable`). */
export interface UndiciLikeBody {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy(error?: Error): unknown;
}

/**
 * What paymux uses of undici 7 (structural, so core's types never name undici and nothing of it
 * is loaded unless you pass it): `request()` and, optionally, a dispatcher of your own.
 */
export interface UndiciLike {
  /** Called as `request(url, { method, headers, body, signal, dispatcher? })`. */
  request(
    url: string,
    // `never`: any `request` whose options take at least these fields fits; see UndiciRequestOptions.
    options: never,
  ): Promise<{
    statusCode: number;
    headers: Record<string, string | string[] | undefined>;
    body: UndiciLikeBody;
  }>;
}

/** The options paymux hands undici's `request()`. */
interface UndiciRequestOptions {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
  dispatcher?: unknown;
}

export interface UndiciTransportOptions extends TransportOptions {
  /** An `undici.Agent` or `Pool` of your own (connections, TLS, a `ProxyAgent`…); undici's global one otherwise. */
  dispatcher?: unknown;
}

const UNDICI_RESETS = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

function undiciFailure(error: unknown, deadline: ReturnType<typeof exchangeSignal>): TransportError {
  const fired = deadline.failure();
  if (fired) return fired;
  if (error instanceof TransportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  if (code === 'UND_ERR_INVALID_ARG') {
    return new TransportError(message, 'ERR_INVALID_REQUEST', { cause: error });
  }
  const socket = socketCode(error);
  // A socket closed or a body shorter than announced is a reset; anything else undici raises
  // mid-exchange is treated alike (a repeat is decided by idempotency, not by the code).
  return new TransportError(
    message,
    socket ?? (UNDICI_RESETS.has(String(code)) ? 'ECONNRESET' : 'ERR_UNDICI'),
    {
      cause: error,
    },
  );
}

/**
 * A transport over undici 7's `request()`: less CPU per call than `node:http` (see
 * docs/performance.md), for a process that makes many provider calls at once. undici is an
 * optional peer dependency: pass the module. The transport contract holds (see {@link Transport}):
 * paymux's own deadline and cancellation, bodies decoded by paymux with the size limit on the
 * compressed and the decoded size, no redirects (`request()` follows none), and a header with a
 * line break refused before sending. nock does not intercept `request()`: tests that mock HTTP
 * with nock keep the default transport.
 *
 * @example
 * import * as undici from 'undici';
 * const paymux = createPaymux({ providers: { main: { type: 'finrax', ...keys, transport: undiciTransport(undici) } } });
 */
export function undiciTransport(undici: UndiciLike, options: UndiciTransportOptions = {}): Transport {
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const dispatcher = options.dispatcher;
  return {
    name: 'undici',
    async send(request): Promise<TransportResponse> {
      if (!request.url.startsWith('http://') && !request.url.startsWith('https://')) {
        throw new TransportError(`unsupported protocol in ${request.url.split(':')[0]}:`, 'ERR_BAD_PROTOCOL');
      }
      assertSendableHeaders(request.headers);
      const deadline = exchangeSignal(request);
      try {
        const failed = deadline.failure();
        if (failed) throw failed;
        const headersOut: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
        for (const name in request.headers) headersOut[name] = request.headers[name]!;
        const requestOptions: UndiciRequestOptions = {
          method: request.method,
          headers: headersOut,
          body: request.body,
          signal: deadline.signal,
        };
        if (dispatcher !== undefined) requestOptions.dispatcher = dispatcher;
        const response = await undici.request(request.url, requestOptions as never);
        const raw = await new Promise<Buffer>((resolve, reject) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.body.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxResponseBytes) {
              const tooLarge = new TransportError(
                `the response exceeded ${maxResponseBytes} bytes`,
                'ERR_RESPONSE_TOO_LARGE',
              );
              response.body.destroy(tooLarge);
              reject(tooLarge);
              return;
            }
            chunks.push(chunk);
          });
          response.body.on('error', reject);
          response.body.on('end', () =>
            resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)),
          );
        });
        const headers: Record<string, string> = {};
        for (const name in response.headers) {
          const value = response.headers[name];
          if (value !== undefined) headers[name] = typeof value === 'string' ? value : value.join(', ');
        }
        const body = decodeBody(raw, headers['content-encoding'], maxResponseBytes);
        return { status: response.statusCode, headers, rawBody: body.toString('utf8') };
      } catch (error) {
        throw undiciFailure(error, deadline);
      } finally {
        deadline.done();
      }
    },
  };
}
