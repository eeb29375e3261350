import { constants, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * Signs a raw body the way DePay does: RSA-PSS, SHA-256, MGF1-SHA-256, salt length 64,
 * base64url, without `=` padding or (`padded`) with it: NOTES says DePay's padding varies.
 *
 * @example
 * res.setHeader('x-signature', signDepayBody(rawBody, privateKey));
 */
export function signDepayBody(rawBody: string, privateKey: KeyObject, padded = false): string {
  const signature = sign('sha256', Buffer.from(rawBody, 'utf8'), {
    key: privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 64,
  }).toString('base64url');
  return padded ? signature.padEnd(Math.ceil(signature.length / 4) * 4, '=') : signature;
}

/**
 * Verifies a DePay signature (either base64 alphabet, with or without `=` padding).
 *
 * @example
 * verifyDepaySignature(rawBody, req.headers['x-signature'], publicKeyPem)
 */
export function verifyDepaySignature(
  rawBody: string,
  signature: string,
  publicKey: KeyObject | string,
): boolean {
  const normalized = signature.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, '');
  return verify(
    'sha256',
    Buffer.from(rawBody, 'utf8'),
    {
      key: typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 64,
    },
    Buffer.from(normalized, 'base64'),
  );
}
