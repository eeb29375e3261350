// Compiled in a fresh project against the installed tarballs, once with `module: nodenext` and
// once with `moduleResolution: bundler`: every public package's entry point must resolve to its
// published types, and those types must still catch a misuse (the @ts-expect-error below fails
// the compile if the types degrade to `any`).
import { createPaymux, type Paymux } from '@paymux/client';
import { type Money, money, ValidationError } from '@paymux/core';
import { plugin as defexa } from '@paymux/defexa';
import { plugin as depay } from '@paymux/depay';
import { plugin as finrax } from '@paymux/finrax';
import { plugin as forumpay } from '@paymux/forumpay';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { createPostgresStore } from '@paymux/store-postgres';
import { createSqliteStore } from '@paymux/store-sqlite';
import { createMockProvider, describeStoreConformance } from '@paymux/testkit';

export async function shopOnSandbox(sandbox: Sandbox): Promise<Paymux> {
  const { baseUrl, apiKey, apiSecret, businessId, callbackPublicKey } = sandbox.providers.finrax;
  return createPaymux({
    plugins: [defexa, depay, finrax, forumpay],
    providers: { shop: { type: 'finrax', baseUrl, apiKey, apiSecret, businessId, callbackPublicKey } },
    store: await createSqliteStore({ path: '.paymux/state.db' }),
  });
}

export const price: Money = money('49.90', 'EUR');

// @ts-expect-error amounts are decimal strings, never numbers
export const wrongPrice: Money = { amount: 49.9, currency: 'EUR' };

export const alsoExported = [ValidationError, startSandbox, createPostgresStore, createMockProvider, describeStoreConformance];
