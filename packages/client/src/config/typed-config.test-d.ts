// Compile-time tests of the typed config: `tsc` (the package's typecheck) fails when a line marked
// `@ts-expect-error` compiles, or when a positive case stops compiling.
import { definePlugin, type ProviderPlugin } from '@paymux/core';
import { plugin as defexa } from '@paymux/defexa';
import { plugin as finrax } from '@paymux/finrax';
import { plugin as forumpay } from '@paymux/forumpay';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { createPaymux } from '../client/create-paymux';
import type { Paymux } from '../client/paymux-client';
import type { PaymuxConfig } from './config-schema';
import { defineConfig } from './define-config';
import type { PaymuxConfigData } from './load-config-file';
import type { AccountConfigOf } from './typed-config';

const acme = definePlugin({
  type: 'acme',
  settingsSchema: z.strictObject({ apiKey: z.string().min(1), port: z.number().int().optional() }),
  capabilities: finrax.capabilities,
  secretFields: ['apiKey'],
  providerOptionsSchemas: {
    createPayment: z.strictObject({
      tier: z.enum(['basic', 'gold']).optional(),
      note: z.string().optional(),
    }),
  },
  create: (settings) => {
    expectTypeOf(settings).toEqualTypeOf<{ apiKey: string; port?: number | undefined }>();
    throw new Error('not created in a type test');
  },
});
const finraxKeys = { apiKey: 'k', apiSecret: 's', businessId: 'b1' };
const plugins = [finrax, acme] as const;
const amount = { amount: '10.00', currency: 'EUR' };

// What each plugin accepts: `{ type }` plus its settings schema's input.
expectTypeOf<AccountConfigOf<typeof acme>>().toEqualTypeOf<
  { type: 'acme' } & { apiKey: string; port?: number | undefined }
>();
expectTypeOf(finrax.type).toEqualTypeOf<'finrax'>();

// Accounts of several types, routing by account name and by type.
const typed = createPaymux({
  plugins,
  providers: {
    main: { type: 'finrax', ...finraxKeys, locale: 'de-DE' },
    spare: { type: 'acme', apiKey: 'x' },
  },
  routing: {
    default: 'main',
    rules: [
      { when: { payWith: 'BTC' }, use: 'spare' },
      { when: { currency: 'USD' }, use: 'acme' },
    ],
    fallback: ['spare'],
  },
});
// The typed client still is a `Paymux` wherever one is expected.
expectTypeOf(typed).toExtend<Paymux>();

// A misspelt key.
createPaymux({
  plugins,
  // @ts-expect-error apiSecert is not a Finrax setting (and apiSecret is missing)
  providers: { main: { type: 'finrax', apiKey: 'k', apiSecert: 's', businessId: 'b1' } },
});
// @ts-expect-error an excess key next to every required one
createPaymux({ plugins, providers: { main: { type: 'finrax', ...finraxKeys, apiSecert: 's' } } });
// A wrong value type.
// @ts-expect-error businessId is a string
createPaymux({ plugins, providers: { main: { type: 'finrax', ...finraxKeys, businessId: 123 } } });
// @ts-expect-error port is a number
createPaymux({ plugins, providers: { spare: { type: 'acme', apiKey: 'x', port: '8080' } } });
// A missing required setting.
// @ts-expect-error acme needs apiKey
createPaymux({ plugins, providers: { spare: { type: 'acme' } } });
// An unknown type.
// @ts-expect-error no plugin has type finnrax
createPaymux({ plugins, providers: { main: { type: 'finnrax', ...finraxKeys } } });
// Settings of another type.
// @ts-expect-error an acme account does not take Finrax settings
createPaymux({ plugins, providers: { spare: { type: 'acme', apiKey: 'x', businessId: 'b1' } } });
// Routing that names no account.
const main = { type: 'finrax', ...finraxKeys } as const;
// @ts-expect-error no account is called mian
createPaymux({ plugins, providers: { main }, routing: { default: 'mian' } });
// @ts-expect-error no account is called mian
createPaymux({ plugins, providers: { main }, routing: { fallback: ['main', 'mian'] } });
createPaymux({
  plugins,
  providers: { main },
  // @ts-expect-error no account is called mian
  routing: { rules: [{ when: { payWith: 'BTC' }, use: 'mian' }] },
});
// @ts-expect-error acme is a plugin type, but no account has it
createPaymux({ plugins, providers: { main }, routing: { default: 'acme' } });

// defineConfig checks the same, and its result goes to createPaymux as it is.
const config = defineConfig({
  plugins,
  providers: { main, spare: { type: 'acme', apiKey: 'x' } },
  routing: { default: 'spare' },
});
expectTypeOf(createPaymux(config)).toExtend<Paymux>();
// @ts-expect-error apiSecert is not a Finrax setting
defineConfig({ plugins, providers: { main: { type: 'finrax', ...finraxKeys, apiSecert: 's' } } });
// @ts-expect-error no plugin has type finnrax
defineConfig({ plugins, providers: { main: { type: 'finnrax', ...finraxKeys } } });
// @ts-expect-error no account is called mian
defineConfig({ plugins, providers: { main }, routing: { default: 'mian' } });

// providerOptions are typed per provider type and operation.
void typed.createPayment({ reference: 'r1', amount, providerOptions: { acme: { tier: 'gold' } } });
// An operation the plugin declares no options schema for takes any options object.
void typed.listPayments({ providerOptions: { acme: { anything: 1 } } });
// @ts-expect-error tier is basic or gold
void typed.createPayment({ reference: 'r3', amount, providerOptions: { acme: { tier: 'platinum' } } });
// @ts-expect-error acme's createPayment options have no key tiers
void typed.createPayment({ reference: 'r4', amount, providerOptions: { acme: { tiers: 'gold' } } });
// @ts-expect-error no plugin has type acne
void typed.createPayment({ reference: 'r5', amount, providerOptions: { acne: { tier: 'gold' } } });

// A file's plain data is typed by its interface and checked at runtime only.
declare const data: PaymuxConfigData;
createPaymux({ ...data, plugins: [finrax] });
declare const untyped: PaymuxConfig;
const fromUntyped = createPaymux(untyped);
void fromUntyped.createPayment({ reference: 'r6', amount, providerOptions: { anything: { goes: 1 } } });
// Plugins typed only as `ProviderPlugin` leave settings to the runtime check.
const someProviders: ProviderPlugin[] = [finrax, acme];
createPaymux({ plugins: someProviders, providers: { main: { type: 'finrax', anySetting: 1 } } });

// Plugins annotated `ProviderPlugin<typeof schema, Api>` (type: string) still have their settings checked.
const annotatedDefexa: ProviderPlugin<typeof defexa.settingsSchema, unknown> = defexa;
const annotatedForumpay: ProviderPlugin<typeof forumpay.settingsSchema, unknown> = forumpay;
createPaymux({
  plugins: [annotatedDefexa, annotatedForumpay],
  providers: {
    crypto: { type: 'defexa', merchantPrivateKey: 'k' },
    pos: { type: 'forumpay', user: 'u', secret: 's', posId: 'WEB1' },
  },
  routing: { default: 'pos', fallback: ['crypto'] },
});
createPaymux({
  plugins: [annotatedDefexa, annotatedForumpay],
  // @ts-expect-error merchantPrivateKy is no setting of any plugin
  providers: { crypto: { type: 'defexa', merchantPrivateKy: 'k' } },
});
