import { randomBytes, randomUUID } from 'node:crypto';

/** A random lowercase hex string of `bytes` bytes. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A random RFC 4122 v4 UUID. */
export function randomUuid(): string {
  return randomUUID();
}

/** A random URL-safe token of `bytes` bytes. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A random string of `length` characters drawn from `alphabet`. */
export function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let result = '';
  for (const byte of bytes) result += alphabet.charAt(byte % alphabet.length);
  return result;
}

/** Address families the emulators hand out; each looks like a real address of that chain. */
export type AddressFamily =
  | 'evm'
  | 'bitcoin'
  | 'litecoin'
  | 'bitcoin-cash'
  | 'tron'
  | 'xrp'
  | 'stellar'
  | 'solana'
  | 'algorand'
  | 'generic';

/** A fresh, syntactically plausible deposit address for an address family. */
export function fakeAddress(family: AddressFamily): string {
  switch (family) {
    case 'evm':
      return `0x${randomHex(20)}`;
    case 'bitcoin':
      return `bc1q${randomFrom('023456789acdefghjklmnpqrstuvwxyz', 38)}`;
    case 'litecoin':
      return `ltc1q${randomFrom('023456789acdefghjklmnpqrstuvwxyz', 38)}`;
    case 'bitcoin-cash':
      return `bitcoincash:q${randomFrom('023456789acdefghjklmnpqrstuvwxyz', 41)}`;
    case 'tron':
      return `T${randomFrom(BASE58, 33)}`;
    case 'xrp':
      return `r${randomFrom(BASE58, 33)}`;
    case 'stellar':
      return `G${randomFrom(BASE32, 55)}`;
    case 'solana':
      return randomFrom(BASE58, 44);
    case 'algorand':
      return randomFrom(BASE32, 58);
    case 'generic':
      return randomHex(20);
  }
}

/** A fake transaction hash in the style of the family's explorers. */
export function fakeTransactionHash(family: AddressFamily): string {
  if (family === 'evm') return `0x${randomHex(32)}`;
  if (family === 'algorand') return randomFrom(BASE32, 52);
  if (family === 'solana') return randomFrom(BASE58, 88);
  return randomHex(32);
}
