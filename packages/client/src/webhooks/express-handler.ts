import { ConfigurationError, type Logger } from '@paymux/core';
import type { WebhookHandlerTarget } from './node-handler';
import { readStreamBody, WebhookBodyTooLargeError } from './read-raw-body';

/** The part of an Express request the handler reads (typed structurally: no express dependency). */
export interface ExpressLikeRequest extends AsyncIterable<unknown> {
  /** A `Buffer` when `express.raw()` ran; `undefined` when no body parser ran. */
  body?: unknown;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  url?: string;
  /** The path before Express stripped the mount point. */
  originalUrl?: string;
  method?: string;
  /** True once a body parser consumed the stream. */
  readableEnded?: boolean;
}

/** The part of an Express (or `node:http`) response the handler writes. */
export interface ExpressLikeResponse {
  headersSent: boolean;
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: string): unknown;
}

/** Express's `next`: a handler failure goes to the app's error middleware. */
export type ExpressLikeNext = (error?: unknown) => void;

const EXPRESS_RAW_BODY_HELP =
  'toExpressHandler needs the raw request body, but a body parser already turned it into a parsed value. ' +
  'Mount the route with express.raw({ type: "*/*" }) and before app.use(express.json()): ' +
  "app.post('/webhooks/main', express.raw({ type: '*/*' }), paymux.webhooks.toExpressHandler('main')).";

async function rawBodyOf(request: ExpressLikeRequest): Promise<Uint8Array> {
  const body = request.body;
  if (body instanceof Uint8Array) return body;
  // No parser ran (Express 5 leaves `body` undefined; Express 4 sets `{}` without reading).
  const unparsed =
    body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0);
  if (unparsed && !request.readableEnded) return readStreamBody(request);
  // A string is what a text or JSON parser produced: its bytes may differ from what was signed.
  throw new ConfigurationError(EXPRESS_RAW_BODY_HELP, { field: 'rawBody' });
}

/**
 * An Express handler for one account's webhooks, to mount behind `express.raw({ type: '*\/*' })`
 * (or with no body parser at all). It verifies the raw bytes, emits, and answers what the provider
 * expects. A misconfiguration (a JSON or text parser ran first, an unknown account) goes to
 * `next(error)`, whose message says how to get the raw body; without `next` it answers 500.
 *
 * @example
 * app.post('/webhooks/main', express.raw({ type: '*\/*' }), paymux.webhooks.toExpressHandler('main'));
 */
export function toExpressHandler(
  webhooks: WebhookHandlerTarget,
  account: string | ((request: ExpressLikeRequest) => string),
  options: { logger?: Logger } = {},
): (request: ExpressLikeRequest, response: ExpressLikeResponse, next?: ExpressLikeNext) => Promise<void> {
  return async (request, response, next) => {
    try {
      const rawBody = await rawBodyOf(request);
      const result = await webhooks.handle(typeof account === 'string' ? account : account(request), {
        rawBody,
        headers: request.headers,
        url: request.originalUrl ?? request.url,
        method: request.method,
      });
      response.writeHead(result.status, result.headers);
      response.end(result.body);
    } catch (error) {
      if (error instanceof WebhookBodyTooLargeError) {
        response.writeHead(413, { 'content-type': 'text/plain' });
        response.end('webhook body too large');
        return;
      }
      if (next) {
        next(error);
        return;
      }
      options.logger?.error('paymux webhook handler failed', { error: String(error) });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('webhook handler error');
    }
  };
}
