import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigurationError, type Logger } from '@paymux/core';
import { readStreamBody, WebhookBodyTooLargeError } from './read-raw-body';
import type { IncomingWebhook, WebhookHandleResult } from './webhook-pipeline';

/** What the framework handlers need from the client. */
export interface WebhookHandlerTarget {
  handle(account: string, request: IncomingWebhook): Promise<WebhookHandleResult>;
}

const NODE_RAW_BODY_HELP =
  'toNodeHandler needs the unread request stream, but a body parser already consumed it. ' +
  'Mount the handler before any body parser (with Express use paymux.webhooks.toExpressHandler ' +
  'behind express.raw({ type: "*/*" }), not express.json()).';

/**
 * A `node:http` request handler that reads the raw body, feeds one account's webhooks to the
 * pipeline and sends the provider's expected answer. A misconfiguration (a body parser ran
 * first, an unknown account) answers 500 and is logged with the fix, so the provider retries
 * once it is corrected.
 *
 * @example
 * http.createServer(paymux.webhooks.toNodeHandler('main')).listen(3000);
 */
export function toNodeHandler(
  webhooks: WebhookHandlerTarget,
  account: string | ((request: IncomingMessage) => string),
  options: { logger?: Logger } = {},
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    try {
      if (request.readableEnded) throw new ConfigurationError(NODE_RAW_BODY_HELP, { field: 'rawBody' });
      const rawBody = await readStreamBody(request);
      const result = await webhooks.handle(typeof account === 'string' ? account : account(request), {
        rawBody,
        headers: request.headers,
        url: request.url,
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
      // The reason is in the server log, not in the answer; the provider retries.
      options.logger?.error('paymux webhook handler failed', { error: String(error) });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('webhook handler error');
    }
  };
}
