import { ConfigurationError, UnsupportedOperationError } from '../errors/error-classes';
import type { PaymentProvider, ProviderOperations } from './payment-provider';
import {
  type OperationName,
  operationNames,
  type ProviderCapabilities,
  requiredOperations,
} from './provider-capabilities';

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
 * when called, before any I/O.
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
      ? implementation!.bind(operations)
      : async () => {
          throw new UnsupportedOperationError(`${type} does not support ${name}`, {
            provider: account,
            operation: name,
          });
        };
  }
  return Object.freeze(provider) as unknown as PaymentProvider<Api>;
}
