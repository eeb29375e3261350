import type http from 'node:http';
import { decodeBody } from './decode-body';
import { TransportError, type TransportResponse } from './transport';

// The exchange rides on its request and response objects under this key, so that the event
// handlers below are plain module functions: a closure per handler and per request would cost
// more than the rest of the transport together (docs/performance.md, section 1b).
const kExchange = Symbol('paymux.nodeExchange');

type Carrier<T> = T & { [kExchange]?: NodeExchange };

/**
 * One request of the default transport, from `http.request` to the settled promise: the deadline,
 * the caller's signal, the size limit and the body's decoding. Settles once; a later event (a
 * socket error after the body arrived) is ignored.
 */
export class NodeExchange {
  private settled = false;
  private request: http.ClientRequest | undefined;
  private timer: NodeJS.Timeout | undefined;
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly resolve: (response: TransportResponse) => void,
    private readonly reject: (error: TransportError) => void,
    private readonly signal: AbortSignal | undefined,
    private readonly timeoutMs: number,
    private readonly maxResponseBytes: number,
  ) {}

  /** Sends `body` on `request` and watches it until a whole response arrived or it failed. */
  start(request: http.ClientRequest, body: string | undefined): void {
    this.request = request;
    (request as Carrier<http.ClientRequest>)[kExchange] = this;
    this.timer = setTimeout(onDeadline, this.timeoutMs, this);
    // An object listener (`handleEvent`) rather than a bound function: nothing to allocate.
    this.signal?.addEventListener('abort', this, { once: true });
    request.on('response', onResponse);
    request.on('error', onError);
    request.end(body);
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    this.finish(
      new TransportError('the request was cancelled', 'ERR_CANCELED', { cause: this.signal?.reason }),
    );
  }

  /** The deadline passed, even while a body was trickling in. */
  expire(): void {
    this.fail(new TransportError(`timeout of ${this.timeoutMs}ms exceeded`, 'ETIMEDOUT'));
  }

  fail(error: Error & { code?: string }): void {
    this.finish(
      error instanceof TransportError
        ? error
        : new TransportError(error.message, error.code ?? 'ECONNRESET', { cause: error }),
    );
  }

  private finish(error: TransportError | undefined, response?: TransportResponse): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this);
    if (error) {
      this.request?.destroy();
      this.reject(error);
    } else this.resolve(response!);
  }

  receive(response: http.IncomingMessage): void {
    (response as Carrier<http.IncomingMessage>)[kExchange] = this;
    response.on('data', onData);
    response.on('error', onError);
    response.on('aborted', onCutShort);
    response.on('end', onEnd);
  }

  take(chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size > this.maxResponseBytes) {
      this.finish(
        new TransportError(`the response exceeded ${this.maxResponseBytes} bytes`, 'ERR_RESPONSE_TOO_LARGE'),
      );
      return;
    }
    this.chunks.push(chunk);
  }

  end(response: http.IncomingMessage): void {
    if (this.settled) return;
    if (!response.complete) {
      this.fail(cutShort());
      return;
    }
    const { chunks } = this;
    let body: Buffer;
    try {
      const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.size);
      body = decodeBody(raw, response.headers['content-encoding'], this.maxResponseBytes);
    } catch (error) {
      // decodeBody throws only TransportErrors.
      this.fail(error as TransportError);
      return;
    }
    this.finish(undefined, {
      status: response.statusCode ?? 0,
      headers: flattenHeaders(response.headers),
      rawBody: body.toString('utf8'),
    });
  }
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key in headers) {
    const value = headers[key];
    if (value === undefined) continue;
    result[key] = typeof value === 'string' ? value : value.join(', ');
  }
  return result;
}

const cutShort = () => Object.assign(new Error('the response was cut short'), { code: 'ECONNRESET' });

function onDeadline(exchange: NodeExchange): void {
  exchange.expire();
}

function onResponse(this: Carrier<http.ClientRequest>, response: http.IncomingMessage): void {
  this[kExchange]!.receive(response);
}

function onError(this: Carrier<http.ClientRequest | http.IncomingMessage>, error: Error): void {
  this[kExchange]!.fail(error);
}

function onData(this: Carrier<http.IncomingMessage>, chunk: Buffer): void {
  this[kExchange]!.take(chunk);
}

function onCutShort(this: Carrier<http.IncomingMessage>): void {
  this[kExchange]!.fail(cutShort());
}

function onEnd(this: Carrier<http.IncomingMessage>): void {
  this[kExchange]!.end(this);
}
