import { createPublicKey, type KeyObject } from 'node:crypto';
import { ConfigurationError } from '@paymux/core';

/** The smallest RSA modulus accepted: DePay's published key has 2048 bits. */
export const DEPAY_MIN_KEY_BITS = 2048;

/**
 * Why `pem` cannot verify DePay's signatures, or `undefined` when it can. The reason never
 * repeats the key: a private key pasted by mistake must not end up in an error or a log line.
 */
export function depayPublicKeyProblem(pem: string): string | undefined {
  return readDepayPublicKey(pem).problem;
}

function readDepayPublicKey(pem: string): { key?: KeyObject; problem?: string } {
  const text = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
  // createPublicKey derives a public key from a private one without complaint; a private key in
  // the settings is a secret in the wrong place, so it is refused rather than used.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    return { problem: 'holds a private key: give DePay\'s PEM public key ("-----BEGIN PUBLIC KEY-----")' };
  }
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch {
    return { problem: 'is not a PEM public key ("-----BEGIN PUBLIC KEY-----" … "-----END PUBLIC KEY-----")' };
  }
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') {
    return {
      problem: `is not an RSA key (${key.asymmetricKeyType ?? 'unknown type'}): DePay signs with RSA-PSS`,
    };
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < DEPAY_MIN_KEY_BITS) {
    return { problem: `is a ${bits}-bit RSA key: at least ${DEPAY_MIN_KEY_BITS} bits are needed` };
  }
  return { key };
}

/**
 * Parses the key that verifies DePay's signatures (callbacks and `GET /payments/{id}` answers)
 * once, when the account is created, so that a bad key stops `createPaymux` instead of failing
 * every callback later. A `ConfigurationError` names the setting, never the key.
 *
 * @example
 * const key = loadDepayPublicKey(settings.publicKey ?? DEPAY_PUBLIC_KEY, 'wallet');
 */
export function loadDepayPublicKey(pem: string, account: string): KeyObject {
  const { key, problem } = readDepayPublicKey(pem);
  if (!key) {
    throw new ConfigurationError(`DePay settings: publicKey ${problem}`, {
      provider: account,
      field: 'publicKey',
    });
  }
  return key;
}
