import type { KnownNetworkId } from './networks';

const BASE58 = '1-9A-HJ-NP-Za-km-z';
const EVM = /^0x[0-9a-fA-F]{40}$/;

/**
 * The shape of an address on each network, from each chain's address specification (BIP-173/350
 * bech32 and Base58Check for the Bitcoin family, EIP-55 hex for EVM chains, Tron's `T`-prefixed
 * Base58Check, Solana's Base58 public keys, XRPL `r` addresses, Stellar's `G` StrKey and `M` muxed
 * accounts, Algorand's 58-character Base32). Shape only, no checksum: enough to tell a Tron
 * address from an Ethereum one. A network missing here is not checked.
 */
export const addressFormats: Readonly<Partial<Record<KnownNetworkId, RegExp>>> = Object.freeze({
  bitcoin: new RegExp(
    `^((bc|tb|bcrt)1[02-9ac-hj-np-z]{6,87}|(BC|TB)1[02-9AC-HJ-NP-Z]{6,87}|[13mn2][${BASE58}]{25,34})$`,
  ),
  litecoin: new RegExp(`^((ltc|tltc)1[02-9ac-hj-np-z]{6,87}|[LM3mnQ][${BASE58}]{26,33})$`),
  'bitcoin-cash': new RegExp(`^((bitcoincash:|bchtest:)?[qp][02-9ac-hj-np-z]{41}|[13][${BASE58}]{25,34})$`),
  dogecoin: new RegExp(`^[DA9nm2][${BASE58}]{25,34}$`),
  ethereum: EVM,
  bsc: EVM,
  polygon: EVM,
  avalanche: EVM,
  arbitrum: EVM,
  optimism: EVM,
  base: EVM,
  gnosis: EVM,
  tron: new RegExp(`^T[${BASE58}]{33}$`),
  solana: new RegExp(`^[${BASE58}]{32,44}$`),
  xrp: new RegExp(`^r[${BASE58}]{24,34}$`),
  stellar: /^(G[A-Z2-7]{55}|M[A-Z2-7]{68})$/,
  algorand: /^[A-Z2-7]{58}$/,
});

/**
 * Whether `address` has the shape of an address on `network`: `true` or `false`, or `undefined`
 * when paymux knows no format for the network.
 *
 * @example
 * addressFitsNetwork('TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE', 'tron') // true
 * addressFitsNetwork('0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0', 'tron') // false
 * addressFitsNetwork('anything', 'near') // undefined
 */
export function addressFitsNetwork(address: string, network: string): boolean | undefined {
  const format = addressFormats[network as KnownNetworkId];
  return format === undefined ? undefined : format.test(address.trim());
}
