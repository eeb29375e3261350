import { z } from 'zod';
import { ValidationError } from './errors/error-classes';

/** What paymux knows about one blockchain network. */
export interface NetworkInfo {
  /** Human name. */
  readonly name: string;
  /** CAIP-2 chain id, where the chain has one. */
  readonly caip2?: string;
  /** Symbol of the chain's native coin. */
  readonly nativeSymbol: string;
  /** True for chains where a transfer can need a memo / destination tag. */
  readonly usesMemo?: boolean;
}

/**
 * The canonical network registry: lowercase slugs, each with its CAIP-2 id where one exists.
 * Adapters translate their provider's names to and from these slugs.
 */
export const networks = {
  bitcoin: { name: 'Bitcoin', caip2: 'bip122:000000000019d6689c085ae165831e93', nativeSymbol: 'BTC' },
  ethereum: { name: 'Ethereum', caip2: 'eip155:1', nativeSymbol: 'ETH' },
  bsc: { name: 'BNB Smart Chain', caip2: 'eip155:56', nativeSymbol: 'BNB' },
  tron: { name: 'Tron', caip2: 'tron:0x2b6653dc', nativeSymbol: 'TRX' },
  solana: { name: 'Solana', caip2: 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp', nativeSymbol: 'SOL' },
  polygon: { name: 'Polygon', caip2: 'eip155:137', nativeSymbol: 'POL' },
  litecoin: { name: 'Litecoin', caip2: 'bip122:12a765e31ffd4059bada1e25190f6e98', nativeSymbol: 'LTC' },
  'bitcoin-cash': {
    name: 'Bitcoin Cash',
    caip2: 'bip122:000000000000000000651ef99cb9fcbe',
    nativeSymbol: 'BCH',
  },
  dogecoin: { name: 'Dogecoin', caip2: 'bip122:1a91e3dace36e2be3bf030a65679fe82', nativeSymbol: 'DOGE' },
  xrp: { name: 'XRP Ledger', caip2: 'xrpl:0', nativeSymbol: 'XRP', usesMemo: true },
  stellar: { name: 'Stellar', caip2: 'stellar:pubnet', nativeSymbol: 'XLM', usesMemo: true },
  algorand: { name: 'Algorand', caip2: 'algorand:wGHE2Pwdvd7S12BL5FaOP20EGYesN73k', nativeSymbol: 'ALGO' },
  avalanche: { name: 'Avalanche C-Chain', caip2: 'eip155:43114', nativeSymbol: 'AVAX' },
  near: { name: 'NEAR', caip2: 'near:mainnet', nativeSymbol: 'NEAR' },
  eos: { name: 'EOS', caip2: 'eosio:aca376f206b8fc25a6ed44dbdc66547c', nativeSymbol: 'EOS', usesMemo: true },
  arbitrum: { name: 'Arbitrum One', caip2: 'eip155:42161', nativeSymbol: 'ETH' },
  optimism: { name: 'OP Mainnet', caip2: 'eip155:10', nativeSymbol: 'ETH' },
  base: { name: 'Base', caip2: 'eip155:8453', nativeSymbol: 'ETH' },
  gnosis: { name: 'Gnosis', caip2: 'eip155:100', nativeSymbol: 'XDAI' },
  ton: { name: 'TON', nativeSymbol: 'TON', usesMemo: true },
  cardano: { name: 'Cardano', caip2: 'cip34:1-764824073', nativeSymbol: 'ADA' },
  dash: { name: 'Dash', nativeSymbol: 'DASH' },
  zcash: { name: 'Zcash', nativeSymbol: 'ZEC' },
  monero: { name: 'Monero', nativeSymbol: 'XMR' },
  lightning: { name: 'Bitcoin Lightning', nativeSymbol: 'BTC' },
} as const satisfies Record<string, NetworkInfo>;

/** A network slug paymux knows. */
export type KnownNetworkId = keyof typeof networks;
/** A canonical network slug; known ones autocomplete, others are allowed for third-party adapters. */
export type NetworkId = KnownNetworkId | (string & {});

export const networkIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase network slug such as "ethereum" or "bitcoin-cash"');

/** True when `id` is one of the registry's slugs. */
export function isKnownNetwork(id: string): id is KnownNetworkId {
  return Object.hasOwn(networks, id);
}

/** The registry entry for a slug, or `undefined`. */
export function getNetwork(id: NetworkId): NetworkInfo | undefined {
  return isKnownNetwork(id) ? networks[id] : undefined;
}

/** Finds the slug for a CAIP-2 chain id. */
export function networkFromCaip2(caip2: string): KnownNetworkId | undefined {
  for (const [id, info] of Object.entries(networks) as [KnownNetworkId, NetworkInfo][]) {
    if (info.caip2 === caip2) return id;
  }
  return undefined;
}

/** A two-way map between one provider's network names and paymux's slugs. */
export interface NetworkNameMap<ProviderName extends string> {
  /** The provider's name for a slug; throws a `ValidationError` naming `field` if unsupported. */
  toProvider(network: NetworkId, field?: string): ProviderName;
  /** The slug for a provider's name, or `undefined` when the adapter does not know it. */
  fromProvider(name: string): NetworkId | undefined;
  /** The slugs this provider supports. */
  readonly supported: readonly NetworkId[];
}

/**
 * Declares how a provider names networks. Lookups from the provider side are case-insensitive.
 *
 * @example
 * const finraxNetworks = defineNetworkNames('finrax', { ETH: 'ethereum', BSC: 'bsc', TRX: 'tron' });
 * finraxNetworks.toProvider('tron'); // "TRX"
 * finraxNetworks.fromProvider('eth'); // "ethereum"
 */
export function defineNetworkNames<ProviderName extends string>(
  provider: string,
  names: Readonly<Record<ProviderName, NetworkId>>,
): NetworkNameMap<ProviderName> {
  const entries = Object.entries(names) as [ProviderName, NetworkId][];
  const bySlug = new Map<NetworkId, ProviderName>();
  const byName = new Map<string, NetworkId>();
  for (const [name, slug] of entries) {
    if (!bySlug.has(slug)) bySlug.set(slug, name);
    byName.set(name.toLowerCase(), slug);
  }
  return {
    supported: [...bySlug.keys()],
    toProvider(network, field = 'network') {
      const name = bySlug.get(network);
      if (name === undefined) {
        throw new ValidationError(
          `${provider} does not support network "${network}" (supported: ${[...bySlug.keys()].join(', ')})`,
          { provider, field },
        );
      }
      return name;
    },
    fromProvider(name) {
      return byName.get(name.toLowerCase());
    },
  };
}
