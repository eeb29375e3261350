import type { z } from 'zod';
import type { AnyProviderPlugin } from './typed-config';

/** The client operations whose input takes `providerOptions`. */
export type OperationWithProviderOptions =
  | 'createPayment'
  | 'listPayments'
  | 'cancelPayment'
  | 'acceptUnderpayment'
  | 'getQuote'
  | 'createRefund'
  | 'createPayout'
  | 'createPayoutBatch'
  | 'listPayouts'
  | 'estimatePayoutFee';

/** What `providerOptions` is when no plugin tells more: options of any provider type. */
export type UntypedProviderOptions = Record<string, Record<string, unknown>>;

/** Per operation, the type of the input's `providerOptions`. */
export type ProviderOptionsByOperation = { [Operation in OperationWithProviderOptions]: object };

/** `providerOptions` typed nowhere: what a `Paymux` created without typed plugins takes. */
export type UntypedProviderOptionsByOperation = {
  [Operation in OperationWithProviderOptions]: UntypedProviderOptions;
};

/** The options one plugin takes for `Operation`: its schema's input, or any object when it declares none. */
type OptionsOfPlugin<Plugin extends AnyProviderPlugin, Operation extends string> =
  NonNullable<Plugin['providerOptionsSchemas']> extends infer Schemas
    ? Operation extends keyof Schemas
      ? Schemas[Operation] extends z.ZodType
        ? z.input<Schemas[Operation]>
        : Record<string, unknown>
      : Record<string, unknown>
    : never;

/** `providerOptions` of `Operation`: `{ [type]?: that plugin's options }` for every plugin. */
export type ProviderOptionsOf<Plugins extends readonly AnyProviderPlugin[], Operation extends string> = {
  [Plugin in Plugins[number] as Plugin['type']]?: OptionsOfPlugin<Plugin, Operation>;
};

/** `providerOptions` of every operation, typed by `Plugins`. */
export type ProviderOptionsByPlugins<Plugins extends readonly AnyProviderPlugin[]> = {
  [Operation in OperationWithProviderOptions]: ProviderOptionsOf<Plugins, Operation>;
};

/** `Input` with its `providerOptions` replaced by `Options`. */
export type WithProviderOptions<Input extends { providerOptions?: unknown }, Options> = Omit<
  Input,
  'providerOptions'
> & { providerOptions?: Options };
