import type { ProviderPlugin } from '@paymux/core';
import type { z } from 'zod';
import type { RoutingRuleInput } from '../routing/routing-rules';
import type { AccountConfig, PaymuxConfig } from './config-schema';

/** Any provider plugin, as the config types see it. */
export type AnyProviderPlugin = ProviderPlugin<z.ZodType, unknown, string>;

/**
 * The account config one plugin accepts: `{ type }` plus the input of its settings schema. A
 * plugin whose settings schema is not known (`ProviderPlugin` without arguments) accepts any
 * `AccountConfig`; one whose `type` is a plain `string` keeps its settings checked but cannot be
 * told apart from the others by `type`.
 */
export type AccountConfigOf<Plugin> = Plugin extends AnyProviderPlugin
  ? unknown extends z.input<Plugin['settingsSchema']>
    ? AccountConfig
    : { type: Plugin['type'] } & z.input<Plugin['settingsSchema']>
  : never;

/** An account of any of `Plugins`: a union discriminated by `type`. */
export type TypedAccountConfig<Plugins extends readonly AnyProviderPlugin[]> = AccountConfigOf<
  Plugins[number]
>;

/** Routing whose account names are checked: `Name` is an account name (or the type of an account). */
export interface TypedRoutingConfig<Name extends string> {
  default?: Name;
  rules?: (Omit<RoutingRuleInput, 'use'> & { use: Name })[];
  fallback?: Name[];
}

/**
 * `createPaymux`'s config with everything the plugins tell: each account is checked against its
 * plugin's settings (a misspelt key, a wrong value type or an unknown `type` does not compile),
 * and routing names only accounts of `providers` (or a plugin's `type`). Providers keyed by
 * `string` (from `loadConfigFile`, or built at runtime) are checked at runtime only.
 */
export type TypedPaymuxConfig<
  Plugins extends readonly AnyProviderPlugin[],
  Name extends string,
  Type extends string,
> = Omit<PaymuxConfig, 'plugins' | 'providers' | 'routing'> & {
  plugins?: Plugins;
  providers: {
    [Account in Name]: string extends Name
      ? AccountConfig
      : TypedAccountConfig<Plugins> & {
          // Infers the accounts' types (for routing) while reporting an unknown one against the known ones.
          type: Type extends Plugins[number]['type'] ? Type : Plugins[number]['type'];
        };
  };
  routing?: TypedRoutingConfig<NoInfer<Name | Type>>;
};
