import type { ProviderPlugin } from '@paymux/core';
import { plugin as defexa } from '@paymux/defexa';
import { plugin as depay } from '@paymux/depay';
import { plugin as finrax } from '@paymux/finrax';
import { plugin as forumpay } from '@paymux/forumpay';

/** A provider adapter the docs describe, with the page that documents it. */
export interface DocumentedProvider {
  /** The provider's name as people write it. */
  name: string;
  /** The npm package of the adapter. */
  packageName: string;
  /** The adapter's plugin: its `capabilities` are the single source of the generated tables. */
  plugin: ProviderPlugin;
  /** The provider page, relative to `docs/`. */
  page: string;
}

/**
 * Every adapter of the repository, in the order the matrix lists them. Adding an adapter here is
 * all it takes to give it a column in `capabilities.md` and a generated table on its page.
 *
 * @example
 * documentedProviders.map((provider) => provider.plugin.type) // ['defexa', 'forumpay', 'finrax', 'depay']
 */
export const documentedProviders: readonly DocumentedProvider[] = [
  { name: 'Defexa', packageName: '@paymux/defexa', plugin: defexa, page: 'providers/defexa.md' },
  { name: 'ForumPay', packageName: '@paymux/forumpay', plugin: forumpay, page: 'providers/forumpay.md' },
  { name: 'Finrax', packageName: '@paymux/finrax', plugin: finrax, page: 'providers/finrax.md' },
  { name: 'DePay', packageName: '@paymux/depay', plugin: depay, page: 'providers/depay.md' },
];
