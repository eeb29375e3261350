import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@paymux/core';
import type { IncomingWebhook, WebhookHandleResult } from './webhook-pipeline';

/** What `toNodeHandler` needs from the client. */
export interface WebhookHandlerTarget {
  handle(account: string, request: IncomingWebhook): Promise<WebhookHandleResult>;
}

const MAX_BODY_BYTES = 1024 * 1024;

async function readRawBody(request: IncomingMessage): Promise<Uint8Array | unknown> {
  // A body parser ran before us and consumed the stream: hand its result over, so that
  // `handle` can explain how to keep the raw body.
  const parsed = (request as { body?: unknown }).body;
  if (request.readableEnded && parsed !== undefined) return parsed;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('Webhook body larger than 1 MiB');
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * A `node:http` request handler (also usable as Express middleware on a route without a body
 * parser) that feeds one account's webhooks to the pipeline and sends the provider's expected answer.
 *
 * @example
 * http.createServer(paymux.webhooks.toNodeHandler('main')).listen(3000);
 * app.post('/webhooks/finrax', paymux.webhooks.toNodeHandler('main'));
 */
export function toNodeHandler(
  webhooks: WebhookHandlerTarget,
  account: string | ((request: IncomingMessage) => string),
  options: { logger?: Logger } = {},
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    try {
      const rawBody = await readRawBody(request);
      const result = await webhooks.handle(typeof account === 'string' ? account : account(request), {
        rawBody: rawBody as Uint8Array,
        headers: request.headers,
        url: request.url,
        method: request.method,
      });
      response.writeHead(result.status, result.headers);
      response.end(result.body);
    } catch (error) {
      // A misconfiguration (wrong body handling, unknown account): the provider will retry, and
      // the reason is in the server log, not in the answer.
      options.logger?.error('paymux webhook handler failed', { error: String(error) });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('webhook handler error');
    }
  };
}
