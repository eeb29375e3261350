import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@paymux/core';
import {
  type ExpressLikeNext,
  type ExpressLikeRequest,
  type ExpressLikeResponse,
  toExpressHandler,
} from '../webhooks/express-handler';
import { toFetchHandler } from '../webhooks/fetch-handler';
import { toNodeHandler } from '../webhooks/node-handler';
import type { IncomingWebhook, WebhookHandleResult, WebhookPipeline } from '../webhooks/webhook-pipeline';

/**
 * Webhook intake of a client. Every handler takes the raw body, verifies it (fail closed: 401 for
 * a bad signature, 400 for a malformed body, nothing emitted), deduplicates, emits, and answers
 * what the provider expects.
 *
 * @example
 * const result = await paymux.webhooks.handle('main', { rawBody: await request.text(), headers });
 * return new Response(result.body, { status: result.status, headers: result.headers });
 */
export interface PaymuxWebhooks {
  /**
   * Verifies (fail closed), normalizes, deduplicates and emits one delivery, and says what to
   * answer the provider. Throws only for a programming error: a parsed body, an unknown account.
   */
  handle(account: string, request: IncomingWebhook): Promise<WebhookHandleResult>;
  /**
   * A `node:http` handler for one account; it reads the request stream itself.
   *
   * @example
   * http.createServer(paymux.webhooks.toNodeHandler('main')).listen(3000);
   */
  toNodeHandler(
    account: string | ((request: IncomingMessage) => string),
  ): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /**
   * An Express handler for one account, mounted behind `express.raw({ type: '*\/*' })`.
   *
   * @example
   * app.post('/webhooks/main', express.raw({ type: '*\/*' }), paymux.webhooks.toExpressHandler('main'));
   */
  toExpressHandler(
    account: string | ((request: ExpressLikeRequest) => string),
  ): (request: ExpressLikeRequest, response: ExpressLikeResponse, next?: ExpressLikeNext) => Promise<void>;
  /**
   * A Fetch API handler (`Request` → `Response`) for Next.js route handlers, Hono and other
   * Fetch-based runtimes.
   *
   * @example
   * export const POST = paymux.webhooks.toFetchHandler('main');
   */
  toFetchHandler(account: string | ((request: Request) => string)): (request: Request) => Promise<Response>;
}

export function createPaymuxWebhooks(pipeline: WebhookPipeline, logger: Logger): PaymuxWebhooks {
  const webhooks: PaymuxWebhooks = {
    handle: (account, request) => pipeline.handle(account, request),
    toNodeHandler: (account) => toNodeHandler(webhooks, account, { logger }),
    toExpressHandler: (account) => toExpressHandler(webhooks, account, { logger }),
    toFetchHandler: (account) => toFetchHandler(webhooks, account),
  };
  return webhooks;
}
