import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@paymux/core';
import { toNodeHandler } from '../webhooks/node-handler';
import type { IncomingWebhook, WebhookHandleResult, WebhookPipeline } from '../webhooks/webhook-pipeline';

/**
 * Webhook intake of a client.
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
  /** A `node:http` / Express handler for one account (on a route without a body parser). */
  toNodeHandler(
    account: string | ((request: IncomingMessage) => string),
  ): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
}

export function createPaymuxWebhooks(pipeline: WebhookPipeline, logger: Logger): PaymuxWebhooks {
  const webhooks: PaymuxWebhooks = {
    handle: (account, request) => pipeline.handle(account, request),
    toNodeHandler: (account) => toNodeHandler(webhooks, account, { logger }),
  };
  return webhooks;
}
