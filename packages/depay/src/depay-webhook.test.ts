import { webhookEventSchema, WebhookVerificationError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import {
  createTestDepay,
  fixtureJson,
  fixtureText,
  signLikeDepay,
  TEST_API_KEY,
} from './__fixtures__/depay-test-setup';
import { createDepay } from './depay-provider';
import { DEPAY_PUBLIC_KEY } from './depay-settings';
import { verifyDepaySignature } from './depay-webhook';

interface SignatureVector {
  data: string;
  signature: string;
  publicKey: string;
  valid: boolean;
  tamperedData?: string;
}
const { vectors } = fixtureJson<{ vectors: SignatureVector[] }>('signature-vectors.json');

const callbackBody = fixtureText('callback-success.json');
const CALLBACK_UUID = '74417770-e6ac-4ae8-b027-0657600d7bad';

function knownContext(known: readonly string[] = [CALLBACK_UUID]) {
  return {
    now: () => new Date('2030-01-01T00:00:00Z'),
    isKnownObject: async (_kind: 'payment' | 'payout', id: string) => known.includes(id),
  };
}

describe("DePay's own signature vectors", () => {
  it.each(vectors.map((vector, index) => [index, vector] as const))(
    'vector %i verifies with its key',
    (_, vector) => {
      expect(vector.valid).toBe(true);
      expect(
        verifyDepaySignature({ publicKey: vector.publicKey, data: vector.data, signature: vector.signature }),
      ).toBe(true);
      // Without padding, and in the standard base64 alphabet: the same signature.
      const unpadded = vector.signature.replace(/=+$/, '');
      expect(
        verifyDepaySignature({ publicKey: vector.publicKey, data: vector.data, signature: unpadded }),
      ).toBe(true);
      const standard = vector.signature.replace(/-/g, '+').replace(/_/g, '/');
      expect(
        verifyDepaySignature({ publicKey: vector.publicKey, data: vector.data, signature: standard }),
      ).toBe(true);
    },
  );

  it.each(vectors.map((vector, index) => [index, vector] as const))(
    'vector %i refuses tampered data',
    (_, vector) => {
      const tampered = vector.tamperedData ?? vector.data.replace('0.00062055', '0.00062056');
      expect(tampered).not.toBe(vector.data);
      expect(
        verifyDepaySignature({ publicKey: vector.publicKey, data: tampered, signature: vector.signature }),
      ).toBe(false);
    },
  );

  it('refuses a vector checked against the other key', () => {
    const [first, second] = vectors;
    expect(
      verifyDepaySignature({ publicKey: second!.publicKey, data: first!.data, signature: first!.signature }),
    ).toBe(false);
  });

  it('verifies the signed payment-callback vector through parseWebhook with that key', async () => {
    const vector = vectors[1]!;
    const provider = createDepay({ apiKey: TEST_API_KEY, publicKey: vector.publicKey });
    const result = await provider.parseWebhook(
      { rawBody: vector.data, headers: { 'X-Signature': vector.signature } },
      knownContext(['c7a13601-2a25-4e10-990e-3fa494970e02']),
    );
    expect(result.events[0]?.data).toMatchObject({
      status: 'succeeded',
      amount: { amount: '0.00062055', currency: 'WETH' },
      payIn: { asset: { network: 'polygon' } },
    });
  });
});

describe('parseWebhook', () => {
  it('verifies and normalises the seed callback', async () => {
    const provider = createTestDepay();
    const signature = signLikeDepay(callbackBody);
    const result = await provider.parseWebhook(
      { rawBody: Buffer.from(callbackBody), headers: { 'x-signature': signature } },
      knownContext(),
    );
    expect(result.response.status).toBe(200);
    expect(result.events).toHaveLength(1);
    const event = result.events[0]!;
    expect(webhookEventSchema.parse(event)).toBeTruthy();
    expect(event).toMatchObject({
      id: `depay:${CALLBACK_UUID}:success`,
      type: 'payment.succeeded',
      object: 'payment',
      provider: 'wallet',
      providerType: 'depay',
      verifiedBy: 'signature',
      occurredAt: '2021-11-25T12:54:52.332Z',
      data: {
        id: CALLBACK_UUID,
        status: 'succeeded',
        amountDelta: 'exact',
        confirmations: { current: 13, required: 13 },
      },
    });
    expect(JSON.stringify(event)).not.toContain(signature);
    expect(JSON.stringify(event)).not.toContain(TEST_API_KEY);
  });

  it('gives the same event id to a retried callback', async () => {
    const provider = createTestDepay();
    const request = { rawBody: callbackBody, headers: { 'x-signature': signLikeDepay(callbackBody) } };
    const first = await provider.parseWebhook(request, knownContext());
    const second = await provider.parseWebhook(request, knownContext());
    expect(second.events[0]?.id).toBe(first.events[0]?.id);
  });

  it('answers 202 for a success when the account holds users until it releases them', async () => {
    const provider = createTestDepay({ callbackAnswer: 'hold' });
    const result = await provider.parseWebhook(
      { rawBody: callbackBody, headers: { 'x-signature': signLikeDepay(callbackBody) } },
      knownContext(),
    );
    expect(result.response.status).toBe(202);
  });

  it('reads a later-form callback (secret_id, string nonce) and a timed-out tracking', async () => {
    const provider = createTestDepay();
    const { uuid: _, ...rest } = fixtureJson('callback-success.json');
    const body = JSON.stringify({
      ...rest,
      secret_id: 'later-form-secret-id',
      nonce: '1',
      after_block: '13609144',
      status: 'failed',
      failed_reason: 'TRACKING_TIMED_OUT',
    });
    const result = await provider.parseWebhook(
      { rawBody: body, headers: { 'x-signature': signLikeDepay(body) } },
      knownContext(['later-form-secret-id']),
    );
    expect(result.events[0]).toMatchObject({
      id: 'depay:later-form-secret-id:failed',
      type: 'payment.expired',
      data: { status: 'expired', failureReason: 'TRACKING_TIMED_OUT' },
    });
  });

  it('walks raw for secrets itself unless the caller says it redacts every event', async () => {
    const provider = createTestDepay();
    // A merchant who put the API key into the payload by mistake: it must never reach an event.
    const body = JSON.stringify({ ...fixtureJson('callback-success.json'), note: `key ${TEST_API_KEY}` });
    const request = { rawBody: body, headers: { 'x-signature': signLikeDepay(body) } };
    const own = await provider.parseWebhook(request, knownContext());
    expect(JSON.stringify(own.events[0]?.data.raw)).not.toContain(TEST_API_KEY);
    expect(JSON.stringify(own.events[0]?.data.raw)).toContain('[REDACTED]');
    // paymux's client redacts what it emits with every account's secrets: the walk is left to it.
    const delegated = await provider.parseWebhook(request, { ...knownContext(), redactsEvents: true });
    expect(delegated.events[0]?.data.raw).toEqual(JSON.parse(body));
    expect(delegated.events[0]?.id).toBe(own.events[0]?.id);
  });

  const signature = signLikeDepay(callbackBody);
  it.each([
    ['no signature header', { rawBody: callbackBody, headers: {} }, knownContext()],
    [
      'a signature of other bytes',
      { rawBody: callbackBody, headers: { 'x-signature': signLikeDepay('{}') } },
      knownContext(),
    ],
    [
      'a tampered body',
      { rawBody: callbackBody.replace('"822.5"', '"922.5"'), headers: { 'x-signature': signature } },
      knownContext(),
    ],
    ['garbage in the header', { rawBody: callbackBody, headers: { 'x-signature': '!!!' } }, knownContext()],
    [
      'a uuid this merchant did not create',
      { rawBody: callbackBody, headers: { 'x-signature': signature } },
      knownContext([]),
    ],
    [
      'no store to confirm the uuid',
      { rawBody: callbackBody, headers: { 'x-signature': signature } },
      { now: () => new Date() },
    ],
  ])('refuses %s with WebhookVerificationError', async (_, request, context) => {
    const provider = createTestDepay();
    const error = await provider.parseWebhook(request, context).catch((caught: unknown) => caught);
    expect(WebhookVerificationError.is(error)).toBe(true);
  });

  it("uses DePay's published key by default (a test-key signature is refused)", async () => {
    const provider = createDepay({ apiKey: TEST_API_KEY });
    const error = await provider
      .parseWebhook({ rawBody: callbackBody, headers: { 'x-signature': signature } }, knownContext())
      .catch((caught: unknown) => caught);
    expect(WebhookVerificationError.is(error)).toBe(true);
    expect(DEPAY_PUBLIC_KEY).toContain('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtqsu0wy94cpz90W4pGsJ');
  });
});
