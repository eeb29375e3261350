import type { z } from 'zod';
import { ConfigurationError, UnsupportedOperationError } from '../errors/error-classes';
import { parseInput } from '../errors/validation';
import type { PaymentProvider, ProviderOperations } from './payment-provider';
import {
  type OperationName,
  operationNames,
  type ProviderCapabilities,
  requiredOperations,
} from './provider-capabilities';
import {
  acceptUnderpaymentInputSchema,
  cancelPaymentInputSchema,
  createPaymentInputSchema,
  createPayoutBatchInputSchema,
  createPayoutInputSchema,
  createRefundInputSchema,
  estimatePayoutFeeInputSchema,
  getQuoteInputSchema,
  listInputSchema,
  validateAddressInputSchema,
} from './provider-inputs';
import { wasParsedWith } from './validated-input';

/**
 * The strict schema of each operation taking a unified input object. `defineProvider` parses the
 * input with it once, before the adapter runs: adapters receive validated input and never parse
 * it again (they parse only their own `providerOptions.<type>`).
 */
export const operationInputSchemas: Partial<Record<OperationName, z.ZodType>> = {
  createPayment: createPaymentInputSchema,
  listPayments: listInputSchema,
  cancelPayment: cancelPaymentInputSchema,
  acceptUnderpayment: acceptUnderpaymentInputSchema,
  getQuote: getQuoteInputSchema,
  createRefund: createRefundInputSchema,
  createPayout: createPayoutInputSchema,
  createPayoutBatch: createPayoutBatchInputSchema,
  listPayouts: listInputSchema,
  estimatePayoutFee: estimatePayoutFeeInputSchema,
  validateAddress: validateAddressInputSchema,
};

/** Operations whose input may be left out (`listPayments()`): it reads as `{}`. */
const optionalInput: ReadonlySet<OperationName> = new Set(['listPayments', 'listPayouts']);

/** What an adapter implements: the three required operations and any of the others. */
export type ProviderImplementation = Pick<ProviderOperations, (typeof requiredOperations)[number]> &
  Partial<ProviderOperations>;

export interface ProviderDefinition<Api> {
  type: string;
  account: string;
  capabilities: ProviderCapabilities;
  api: Api;
  operations: ProviderImplementation;
}

/**
 * Builds a `PaymentProvider` whose capability map and behaviour cannot disagree: a declared
 * operation without an implementation, or an implementation that is not declared, is a
 * `ConfigurationError` at creation; an undeclared operation throws `UnsupportedOperationError`
 * when called, before any I/O. The input of every operation is validated here, once, with core's
 * strict schema (`operationInputSchemas`): a bad input is a `ValidationError` naming the field,
 * before the adapter runs. An input the client parsed already (`parseOperationInput`, same
 * schema) is passed on as it is.
 *
 * @example
 * return defineProvider({ type: 'acme', account, api, capabilities, operations: { createPayment, getPayment, parseWebhook } });
 */
export function defineProvider<Api>(definition: ProviderDefinition<Api>): PaymentProvider<Api> {
  const { type, account, capabilities, api, operations } = definition;
  const implemented = operations as Partial<Record<OperationName, (...args: never[]) => unknown>>;
  for (const name of requiredOperations) {
    if (!capabilities.operations[name]) {
      throw new ConfigurationError(`${type} must declare the required operation ${name}`, { provider: type });
    }
  }
  const provider: Record<string, unknown> = { type, account, capabilities, api };
  for (const name of operationNames) {
    const declared = capabilities.operations[name] !== undefined;
    const implementation = implemented[name];
    if (declared && typeof implementation !== 'function') {
      throw new ConfigurationError(`${type} declares ${name} but does not implement it`, { provider: type });
    }
    if (!declared && implementation !== undefined) {
      throw new ConfigurationError(`${type} implements ${name} but does not declare it in its capabilities`, {
        provider: type,
      });
    }
    provider[name] = declared
      ? validated(name, implementation!.bind(operations), account)
      : async () => {
          throw new UnsupportedOperationError(`${type} does not support ${name}`, {
            provider: account,
            operation: name,
          });
        };
  }
  return Object.freeze(provider) as unknown as PaymentProvider<Api>;
}

/** The operation, its input parsed first when it takes a unified input object. */
function validated(
  name: OperationName,
  run: (...args: never[]) => unknown,
  account: string,
): (...args: unknown[]) => unknown {
  const schema = operationInputSchemas[name];
  if (schema === undefined) return run as (...args: unknown[]) => unknown;
  const where = { provider: account, operation: name };
  return async (input: unknown, ...rest: unknown[]) => {
    // Input the client already parsed with this schema (parseOperationInput) is not parsed again.
    const parsed = wasParsedWith(input, schema)
      ? input
      : parseInput(schema, input === undefined && optionalInput.has(name) ? {} : input, where);
    return (run as (...args: unknown[]) => unknown)(parsed, ...rest);
  };
}
