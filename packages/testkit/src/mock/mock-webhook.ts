import {
  getHeader,
  hmacSha256Hex,
  parseProviderJson,
  paymentEventType,
  payoutEventType,
  ProviderResponseError,
  type Redactor,
  sanitizeRaw,
  timingSafeEqualStrings,
  type WebhookEvent,
  type WebhookParseResult,
  type WebhookRequest,
  WebhookVerificationError,
} from '@paymux/core';
import { mockPaymentSchema, mockPayoutSchema, mockWebhookSchema } from './mock-api';
import { toPayment, toPayout } from './mock-mapping';

/** The header that carries the hex HMAC-SHA256 of the raw body. */
export const MOCK_SIGNATURE_HEADER = 'x-mock-signature';

export interface MockWebhookContext {
  account: string;
  webhookSecret: string;
  redact: Redactor;
}

function rawBytes(request: WebhookRequest): Buffer {
  return typeof request.rawBody === 'string'
    ? Buffer.from(request.rawBody, 'utf8')
    : Buffer.from(request.rawBody);
}

/**
 * Verifies a mock webhook (fail closed: no or a wrong signature throws `WebhookVerificationError`
 * before the body is even parsed) and normalizes it into one event.
 */
export function parseMockWebhook(request: WebhookRequest, context: MockWebhookContext): WebhookParseResult {
  const signature = getHeader(request, MOCK_SIGNATURE_HEADER);
  if (!signature) {
    throw new WebhookVerificationError(`mock webhook without ${MOCK_SIGNATURE_HEADER}`, {
      provider: context.account,
    });
  }
  const body = rawBytes(request);
  const expected = hmacSha256Hex(context.webhookSecret, body);
  if (!timingSafeEqualStrings(signature.trim().toLowerCase(), expected)) {
    throw new WebhookVerificationError('mock webhook signature does not match the body', {
      provider: context.account,
    });
  }
  const invalid = (what: string) =>
    new ProviderResponseError(`mock sent a signed webhook that is not valid: ${what}`, {
      provider: context.account,
      operation: 'parseWebhook',
      bodyExcerpt: context.redact(body.toString('utf8')).slice(0, 500),
    });
  let json: unknown;
  try {
    json = parseProviderJson(body.toString('utf8'));
  } catch {
    throw invalid('not JSON');
  }
  const envelope = mockWebhookSchema.safeParse(json);
  if (!envelope.success) throw invalid('not a mock webhook');
  const raw = sanitizeRaw(json, context.redact);
  const base = {
    id: `mock:${envelope.data.id}`,
    provider: context.account,
    providerType: 'mock',
    occurredAt: envelope.data.created_at,
    verifiedBy: 'signature' as const,
    raw,
  };
  let event: WebhookEvent;
  if (envelope.data.type.startsWith('payout.')) {
    const wire = mockPayoutSchema.safeParse(envelope.data.data);
    if (!wire.success) throw invalid('data is not a payout');
    const data = toPayout(wire.data, context);
    event = { ...base, object: 'payout', type: payoutEventType(data), data };
  } else {
    const wire = mockPaymentSchema.safeParse(envelope.data.data);
    if (!wire.success) throw invalid('data is not a payment');
    const data = toPayment(wire.data, context);
    event = { ...base, object: 'payment', type: paymentEventType(data), data };
  }
  return {
    events: [event],
    response: { status: 200, body: 'ok', headers: { 'content-type': 'text/plain' } },
  };
}
