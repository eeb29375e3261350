import { rawBodyText, type WebhookRequest } from '@paymux/core';
import { signMockWebhook } from '../../webhook-signers';

/** The raw body of a webhook request as text. */
export function rawBodyOf(request: WebhookRequest): string {
  return rawBodyText(request);
}

/** A request carrying `body` with a fresh, valid mock signature. */
export function resignMockWebhook(body: string, secret: string): WebhookRequest {
  const signed = signMockWebhook(body, secret);
  return { rawBody: signed.body, headers: signed.headers };
}
