import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProviderCapabilities } from '@paymux/core';

// One house: every adapter package has the same files under the same names, so a reader who
// knows one adapter finds their way in the others. docs/writing-a-provider.md describes the
// shape; this check keeps the four adapters (and new ones) to it.

/** What the shape check needs to know of an adapter package. */
export interface AdapterShapeInput {
  /** The provider type, as in `type: 'defexa'`: the prefix of every file. */
  type: string;
  /** The package's `src` directory. */
  srcDir: string;
  /** The package's index module, imported (to check the plugin exports). */
  index: Record<string, unknown>;
  capabilities: ProviderCapabilities;
}

const payoutOperations = ['createPayout', 'createPayoutBatch', 'getPayout', 'getPayoutBatch', 'listPayouts'];
const refundOperations = ['createRefund', 'getRefund'];

function pascal(type: string): string {
  return type.replace(/(^|[-_])(\w)/g, (_match, _sep, letter: string) => letter.toUpperCase());
}

/**
 * The ways an adapter package departs from the house shape (none when it follows it):
 * `<p>-provider.ts`, `<p>-capabilities.ts`, `<p>-settings.ts`, `<p>-client.ts` (exporting the
 * typed low-level client `<P>Client`), `<p>-api.ts` (wire schemas), one file per resource of
 * operations (`<p>-payments.ts`, plus `<p>-payouts.ts` and `<p>-refunds.ts` when such
 * operations are declared), `<p>-webhook.ts`, `map-<p>-status.ts`, `<p>-error.ts`, and
 * `index.ts` exporting `plugin` and `plugin as <p>`. Every other source file is named
 * `<p>-….ts` (or `<p>.….test.ts`); no file is named after "operations".
 *
 * @example
 * expect(adapterShapeProblems({ type: 'defexa', srcDir, index, capabilities: defexaCapabilities })).toEqual([]);
 */
export function adapterShapeProblems(input: AdapterShapeInput): string[] {
  const { type, srcDir, index, capabilities } = input;
  const problems: string[] = [];
  const declared = (names: string[]) =>
    names.some((name) => (capabilities.operations as Record<string, unknown>)[name] !== undefined);
  const required = [
    `${type}-provider.ts`,
    `${type}-capabilities.ts`,
    `${type}-settings.ts`,
    `${type}-client.ts`,
    `${type}-api.ts`,
    `${type}-payments.ts`,
    `${type}-webhook.ts`,
    `map-${type}-status.ts`,
    `${type}-error.ts`,
    'index.ts',
    ...(declared(payoutOperations) ? [`${type}-payouts.ts`] : []),
    ...(declared(refundOperations) ? [`${type}-refunds.ts`] : []),
  ];
  for (const file of required) {
    if (!existsSync(join(srcDir, file))) problems.push(`missing ${file}`);
  }
  for (const file of readdirSync(srcDir)) {
    if (!file.endsWith('.ts')) continue;
    const named =
      file === 'index.ts' ||
      file.startsWith(`${type}-`) ||
      file.startsWith(`${type}.`) ||
      file.startsWith(`map-${type}-status`);
    if (!named) problems.push(`${file} is not named after the provider (${type}-….ts)`);
    if (/-operations(\.test)?\.ts$/.test(file)) {
      problems.push(`${file}: operations live in one file per resource (${type}-payments.ts, …)`);
    }
  }
  const clientFile = join(srcDir, `${type}-client.ts`);
  const clientType = `${pascal(type)}Client`;
  if (
    existsSync(clientFile) &&
    !new RegExp(`export (interface|type) ${clientType}\\b`).test(readFileSync(clientFile, 'utf8'))
  ) {
    problems.push(`${type}-client.ts does not export the typed low-level client ${clientType}`);
  }
  if (index.plugin === undefined) problems.push('index.ts does not export plugin');
  else if (index[type] !== index.plugin) problems.push(`index.ts does not export plugin as ${type}`);
  return problems;
}
