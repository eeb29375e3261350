import type { AnyProviderPlugin, TypedPaymuxConfig } from './typed-config';

/**
 * Returns the config as given, checked like `createPaymux`'s argument: for a config kept in its
 * own file. Each account's settings are typed by its plugin's `type`, and routing may name only
 * configured accounts (or an account's type), so a misspelt key, a wrong value, an unknown `type`
 * or `default: 'mian'` does not compile. `createPaymux` still validates it all at runtime.
 *
 * @example
 * // paymux.config.ts
 * export default defineConfig({
 *   plugins: [finrax],
 *   providers: { main: { type: 'finrax', apiKey: env('FINRAX_KEY'), apiSecret: env('FINRAX_SECRET'), businessId: 'b1' } },
 *   routing: { default: 'main' },
 * });
 * // app.ts
 * const paymux = createPaymux(config);
 */
export function defineConfig<
  const Plugins extends readonly AnyProviderPlugin[] = readonly AnyProviderPlugin[],
  Name extends string = string,
  Type extends string = string,
>(config: TypedPaymuxConfig<Plugins, Name, Type>): TypedPaymuxConfig<Plugins, Name, Type> {
  return config;
}
