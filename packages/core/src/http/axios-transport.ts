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

/** The request config paymux hands axios: every field is axios 1.x's own. */
export interface AxiosLikeRequestConfig {
  url: string;
  method: string;
  headers: Record<string, string>;
  data: string | undefined;
  responseType: 'arraybuffer';
  transformRequest: ((data: unknown) => unknown)[];
  transformResponse: ((data: unknown) => unknown)[];
  decompress: false;
  maxRedirects: 0;
  proxy: false;
  maxContentLength: number;
  validateStatus: () => boolean;
  signal: AbortSignal;
}

/**
 * What paymux uses of an axios instance (structural, so that core's types never name axios and
 * nothing of axios is loaded unless you pass an instance).
 */
export interface AxiosLike {
  request(config: AxiosLikeRequestConfig): Promise<{ status: number; headers: unknown; data: unknown }>;
}

function flattenAxiosHeaders(headers: unknown): Record<string, string> {
  const plain =
    typeof (headers as { toJSON?: unknown })?.toJSON === 'function'
      ? (headers as { toJSON(): Record<string, unknown> }).toJSON()
      : (headers as Record<string, unknown> | undefined);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(plain ?? {})) {
    if (value === undefined || value === null) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return result;
}

function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  return Buffer.alloc(0);
}

function axiosFailure(
  error: unknown,
  deadline: ReturnType<typeof exchangeSignal>,
  maxBytes: number,
): TransportError {
  const fired = deadline.failure();
  if (fired) return fired;
  if (error instanceof TransportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/maxContentLength/i.test(message)) {
    return new TransportError(`the response exceeded ${maxBytes} bytes`, 'ERR_RESPONSE_TOO_LARGE', {
      cause: error,
    });
  }
  // axios reports a body cut short as ERR_BAD_RESPONSE; underneath it is a reset connection.
  const code = socketCode(error) ?? 'ECONNRESET';
  return new TransportError(message, code, { cause: error });
}

/**
 * A transport over your own axios 1.x instance (its interceptors, agents and adapters apply).
 * axios is an optional peer dependency: paymux never imports it. The transport contract holds
 * (see {@link Transport}): paymux's own deadline and cancellation, no redirects
 * (`maxRedirects: 0`), no proxy from the environment (`proxy: false`; use `proxy` in paymux's
 * settings or your instance's agents), bodies read as bytes and decoded by paymux with the size
 * limit applied to the decoded size, and a header with a line break refused before sending.
 *
 * @example
 * import axios from 'axios';
 * const paymux = createPaymux({ providers: { main: { type: 'finrax', ...keys, transport: axiosTransport(axios.create()) } } });
 */
export function axiosTransport(instance: AxiosLike, options: TransportOptions = {}): Transport {
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const identity = (data: unknown) => data;
  return {
    name: 'axios',
    async send(request): Promise<TransportResponse> {
      if (!/^https?:\/\//i.test(request.url)) {
        throw new TransportError(`unsupported protocol in ${request.url.split(':')[0]}:`, 'ERR_BAD_PROTOCOL');
      }
      assertSendableHeaders(request.headers);
      const deadline = exchangeSignal(request);
      try {
        const failed = deadline.failure();
        if (failed) throw failed;
        const response = await instance.request({
          url: request.url,
          method: request.method,
          headers: { 'accept-encoding': 'gzip, deflate, br', ...request.headers },
          data: request.body,
          responseType: 'arraybuffer',
          transformRequest: [identity],
          transformResponse: [identity],
          decompress: false,
          maxRedirects: 0,
          proxy: false,
          maxContentLength: maxResponseBytes,
          validateStatus: () => true,
          signal: deadline.signal,
        });
        const headers = flattenAxiosHeaders(response.headers);
        const body = decodeBody(toBuffer(response.data), headers['content-encoding'], maxResponseBytes);
        return { status: response.status, headers, rawBody: body.toString('utf8') };
      } catch (error) {
        throw axiosFailure(error, deadline, maxResponseBytes);
      } finally {
        deadline.done();
      }
    },
  };
}
