import { createPublicKey, type KeyObject } from 'node:crypto';
import { ConfigurationError } from '@paymux/core';

const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]{1,40})-----/;

/** What a bad key looked like, without any of its material: its length and its PEM label. */
function hintOf(text: string): string {
  const label = PEM_LABEL.exec(text)?.[1];
  return `${text.length} characters, ${label ? `PEM label "${label}"` : 'no PEM header'}`;
}

/**
 * Parses the `callbackPublicKey` setting once, when the provider is created: a key that cannot
 * verify Finrax's RSA-SHA512 callbacks would otherwise be found out only by the first callback,
 * and every callback after it would be answered with an error. PEM (SPKI or PKCS#1), with real or
 * escaped (`\n`) line breaks, as environment variables carry it. `undefined` stays `undefined`:
 * without a key every callback is refused, which the webhook parser says.
 *
 * @example
 * const key = loadFinraxCallbackKey(process.env.FINRAX_CALLBACK_KEY, 'main');
 */
export function loadFinraxCallbackKey(pem: string | undefined, account: string): KeyObject | undefined {
  if (pem === undefined) return undefined;
  const text = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch {
    // No cause: Node's parse error may quote the input.
    throw new ConfigurationError(
      `Invalid Finrax settings: callbackPublicKey is not a PEM public key (${hintOf(text.trim())})`,
      { provider: account, field: 'callbackPublicKey' },
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ConfigurationError(
      `Invalid Finrax settings: callbackPublicKey is a ${key.asymmetricKeyType ?? 'non-RSA'} key; Finrax signs callbacks with RSA (RSA-SHA512)`,
      { provider: account, field: 'callbackPublicKey' },
    );
  }
  return key;
}
