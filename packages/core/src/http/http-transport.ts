import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

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
 * A failure of the exchange itself, before a whole response arrived. `code` is Node's socket code
 * (`ECONNRESET`, `ECONNREFUSED`…) or one of the transport's own: `ETIMEDOUT` (the deadline passed,
 * even while a body was trickling in), `ERR_CANCELED` (the caller's signal), `ERR_RESPONSE_TOO_LARGE`,
 * `ERR_BAD_ENCODING` (a compressed body that does not decompress).
 */
export class TransportError extends Error {
  readonly code: string;
  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
    this.code = code;
  }
}

export interface NodeTransportOptions {
  httpAgent?: http.Agent;
  httpsAgent?: https.Agent;
  /** Responses larger than this are refused (a provider answer is a few kilobytes). */
  maxResponseBytes?: number;
}

/** Sends one request and reads its whole response; never follows redirects. */
export type HttpTransport = (request: TransportRequest) => Promise<TransportResponse>;

const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key in headers) {
    const value = headers[key];
    if (value === undefined) continue;
    result[key] = typeof value === 'string' ? value : value.join(', ');
  }
  return result;
}

function decompress(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  // The limit applies to the decoded size too: a few kilobytes of gzip can inflate to gigabytes.
  const limit = { maxOutputLength: maxBytes };
  try {
    switch (encoding?.trim().toLowerCase()) {
      case undefined:
      case '':
      case 'identity':
        return body;
      case 'gzip':
      case 'x-gzip':
        return zlib.gunzipSync(body, limit);
      case 'deflate':
        // Servers disagree on whether "deflate" means zlib-wrapped or raw deflate.
        return body[0] === 0x78 ? zlib.inflateSync(body, limit) : zlib.inflateRawSync(body, limit);
      case 'br':
        return zlib.brotliDecompressSync(body, limit);
      default:
        throw new TransportError(`unsupported content encoding "${encoding}"`, 'ERR_BAD_ENCODING');
    }
  } catch (error) {
    if (error instanceof TransportError) throw error;
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new TransportError(`the decoded response exceeded ${maxBytes} bytes`, 'ERR_RESPONSE_TOO_LARGE', {
        cause: error,
      });
    }
    throw new TransportError('the compressed response could not be decoded', 'ERR_BAD_ENCODING', {
      cause: error,
    });
  }
}

interface SplitUrl {
  protocol: string;
  hostname: string;
  port: string;
  /** Path and query exactly as given (already encoded by the caller). */
  path: string;
}

/**
 * Protocol, host and port of a URL, and its path as given. A client talks to one origin, so the
 * origin is parsed once and remembered; only the path changes from call to call.
 */
function createUrlSplitter(): (url: string) => SplitUrl {
  let lastOrigin: string | undefined;
  let lastParsed: URL | undefined;
  return (text) => {
    const afterScheme = text.indexOf('//');
    const slash = afterScheme === -1 ? -1 : text.indexOf('/', afterScheme + 2);
    const query = text.indexOf('?', afterScheme + 2);
    const pathStart = slash === -1 || (query !== -1 && query < slash) ? query : slash;
    const origin = pathStart === -1 ? text : text.slice(0, pathStart);
    if (origin !== lastOrigin || !lastParsed) {
      lastParsed = new URL(origin);
      lastOrigin = origin;
    }
    const rest = pathStart === -1 ? '' : text.slice(pathStart);
    const hostname = lastParsed.hostname;
    return {
      protocol: lastParsed.protocol,
      hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
      port: lastParsed.port,
      path: rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest,
    };
  };
}

/**
 * The transport behind `createHttpClient`: `node:http`/`node:https` with keep-alive agents, one
 * deadline for the whole exchange, cancellation by `AbortSignal`, and gzip, deflate and brotli
 * bodies decoded. It adds almost nothing to a bare `http.request`, which matters because every
 * provider call goes through it (see docs/performance.md and ADR 0009).
 *
 * @example
 * const send = createNodeTransport();
 * const response = await send({ method: 'GET', url: 'https://api.example.com/v1/x', headers: {}, body: undefined, timeoutMs: 15_000 });
 */
export function createNodeTransport(options: NodeTransportOptions = {}): HttpTransport {
  const httpAgent = options.httpAgent ?? new http.Agent({ keepAlive: true, maxSockets: 64 });
  const httpsAgent = options.httpsAgent ?? new https.Agent({ keepAlive: true, maxSockets: 64 });
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const splitUrl = createUrlSplitter();

  return (request) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const { signal } = request;
      if (signal?.aborted) {
        reject(new TransportError('the request was cancelled', 'ERR_CANCELED', { cause: signal.reason }));
        return;
      }
      let url: SplitUrl;
      try {
        url = splitUrl(request.url);
      } catch (error) {
        reject(new TransportError(`invalid URL ${request.url}`, 'ERR_INVALID_URL', { cause: error }));
        return;
      }
      const isHttps = url.protocol === 'https:';
      if (!isHttps && url.protocol !== 'http:') {
        reject(new TransportError(`unsupported protocol ${url.protocol}`, 'ERR_BAD_PROTOCOL'));
        return;
      }
      const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
      for (const name in request.headers) headers[name] = request.headers[name]!;
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));

      let settled = false;
      let req: http.ClientRequest | undefined;
      let timer: NodeJS.Timeout | undefined;
      const finish = (error: TransportError | undefined, response?: TransportResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (error) {
          req?.destroy();
          reject(error);
        } else resolve(response!);
      };
      const fail = (error: Error & { code?: string }) =>
        finish(
          error instanceof TransportError
            ? error
            : new TransportError(error.message, error.code ?? 'ECONNRESET', { cause: error }),
        );
      const onAbort = () =>
        finish(new TransportError('the request was cancelled', 'ERR_CANCELED', { cause: signal?.reason }));

      try {
        req = (isHttps ? https : http).request(
          {
            protocol: url.protocol,
            hostname: url.hostname,
            port: url.port || undefined,
            path: url.path,
            method: request.method,
            headers,
            agent: isHttps ? httpsAgent : httpAgent,
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > maxResponseBytes) {
                finish(
                  new TransportError(
                    `the response exceeded ${maxResponseBytes} bytes`,
                    'ERR_RESPONSE_TOO_LARGE',
                  ),
                );
                return;
              }
              chunks.push(chunk);
            });
            res.on('error', fail);
            res.on('aborted', () =>
              fail(Object.assign(new Error('the response was cut short'), { code: 'ECONNRESET' })),
            );
            res.on('end', () => {
              if (!res.complete) {
                fail(Object.assign(new Error('the response was cut short'), { code: 'ECONNRESET' }));
                return;
              }
              let body: Buffer;
              try {
                const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
                body = decompress(raw, res.headers['content-encoding'], maxResponseBytes);
              } catch (error) {
                // decompress throws only TransportErrors.
                fail(error as TransportError);
                return;
              }
              finish(undefined, {
                status: res.statusCode ?? 0,
                headers: flattenHeaders(res.headers),
                rawBody: body.toString('utf8'),
              });
            });
          },
        );
      } catch (error) {
        // Node refuses a malformed request (a header with a line break) before sending anything.
        const code = (error as { code?: string }).code ?? 'ERR_INVALID_REQUEST';
        reject(
          new TransportError(
            (error as Error).message,
            code.startsWith('ERR_INVALID') ? code : 'ERR_INVALID_REQUEST',
            { cause: error },
          ),
        );
        return;
      }
      timer = setTimeout(
        () => fail(new TransportError(`timeout of ${request.timeoutMs}ms exceeded`, 'ETIMEDOUT')),
        request.timeoutMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', fail);
      req.end(request.body);
    });
}
