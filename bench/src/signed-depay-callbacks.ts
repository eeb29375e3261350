import { randomBytes, randomUUID } from 'node:crypto';
import { generateTestKeyPair, type SignedWebhook, signDepayWebhook } from '@paymux/testkit';

/** A signed DePay payment callback and the tracking uuid it is about. */
export interface SignedCallback extends SignedWebhook {
  uuid: string;
}

/**
 * `count` DePay success callbacks with distinct tracking uuids (so distinct event ids), each
 * signed like DePay (RSA-PSS SHA-256, salt 64, base64url `x-signature`) with a fresh test key.
 * Signing costs about a millisecond each, so the set is made once and replayed.
 */
export function createSignedDepayCallbacks(count: number): {
  publicKeyPem: string;
  callbacks: SignedCallback[];
} {
  const keys = generateTestKeyPair();
  const callbacks = Array.from({ length: count }, (_, index) => {
    const uuid = randomUUID();
    const body = {
      status: 'success',
      blockchain: 'ethereum',
      transaction: `0x${randomBytes(32).toString('hex')}`,
      sender: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
      nonce: index,
      receiver: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
      token: '0xa0bed124a09ac2bd941b10349d8d224fe3c955eb',
      confirmations: 13,
      after_block: 13609144,
      amount: '822.5',
      payload: { paymux: { reference: `bench-${index}`, amount: '822.5', currency: 'USDC' } },
      uuid,
      callback: `https://shop.example/depay/${uuid}`,
      confirmed_at: '2026-11-21T12:54:52.332Z',
      created_at: '2026-11-21T11:17:13.833Z',
      updated_at: '2026-11-21T12:54:52.334Z',
    };
    return { uuid, ...signDepayWebhook(body, keys.privateKeyPem) };
  });
  return { publicKeyPem: keys.publicKeyPem, callbacks };
}
