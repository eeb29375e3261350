import {
  type CallOptions,
  type Logger,
  type OperationName,
  operationNames,
  type PaymentFlow,
  type PaymentProvider,
  parseInput,
  parseOperationInput,
  UnsupportedOperationError,
} from '@paymux/core';
import { z } from 'zod';
import type { EventPublisher, ObservedObject } from '../events/event-publisher';
import { deriveProviderKey, fingerprint } from '../idempotency/fingerprint';
import type { IdempotentExecutor, ReconcileResult } from '../idempotency/idempotent-executor';
import type { ProviderRegistry } from '../registry/provider-registry';
import type { Router } from '../routing/router';
import type { RoutingFacts } from '../routing/routing-rules';
import type { SecretRegistry } from '../secrets/secret-redaction';
import type { CallTelemetry } from '../telemetry/call-telemetry';
import type { PaymuxTelemetry } from '../telemetry/paymux-telemetry';
import { checkDemands, checkProviderOptionKeys, type InputDemands } from './input-checks';
import type { IdempotencyRecord, Store } from '@paymux/core';

/**
 * Options of every client operation.
 *
 * @example
 * await paymux.getPayment(id, { account: 'main' });
 * await paymux.createPayment(input, { requires: ['createRefund'] }); // route to a refundable account
 */
export interface PaymuxCallOptions {
  /** The account to use. Without it, routing rules and `routing.default` choose. */
  account?: string;
  /** Capabilities the call needs besides its own operation (matched by rules' `capability`). */
  requires?: OperationName[];
  signal?: AbortSignal;
  /** Overrides the account's request timeout, in milliseconds. */
  timeoutMs?: number;
}

const callOptionsSchema = z.strictObject({
  account: z.string().min(1).optional(),
  requires: z.array(z.enum(operationNames)).optional(),
  signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal).optional(),
  timeoutMs: z.number().int().positive().max(120_000).optional(),
});

// Parsed under an `options` key, so an error names `options.account`. Built once: zod compiles a
// schema on first use, which costs tens of microseconds per call if rebuilt each time.
const wrappedCallOptionsSchema = z.object({ options: callOptionsSchema });

function isAccountOnly(options: unknown): options is PaymuxCallOptions {
  if (
    options === null ||
    typeof options !== 'object' ||
    Object.getPrototypeOf(options) !== Object.prototype
  ) {
    return false;
  }
  const keys = Object.keys(options);
  const { account } = options as { account?: unknown };
  return keys.length === 1 && keys[0] === 'account' && typeof account === 'string' && account.length > 0;
}

/** A read: routed to one account, no idempotency record. */
export interface ReadSpec<T> {
  operation: OperationName;
  facts?: Omit<RoutingFacts, 'operation' | 'requires'>;
  options: PaymuxCallOptions | undefined;
  invoke(provider: PaymentProvider, callOptions: CallOptions): Promise<T>;
  observe?(result: T): ObservedObject[];
}

/** A mutating call: routed with fallback, at most once per idempotency key. */
export interface MutationSpec<T> extends ReadSpec<T> {
  /** The validated input, fingerprinted to tell a repeat from a conflicting reuse of the key. */
  input: Record<string, unknown>;
  idempotencyKey?: string | undefined;
  reference?: string | undefined;
  /** What the call is about when there is no reference (the payment being cancelled). */
  subjectId?: string | undefined;
  flow?: PaymentFlow | undefined;
  /** Objects to remember as created by this merchant (for webhook `isKnownObject`). */
  created?(result: T): { kind: 'payment' | 'payout'; providerId: string }[];
  reconcile?(provider: PaymentProvider, record: IdempotencyRecord): Promise<ReconcileResult<T>>;
  /** Whether the operation is harmless to repeat whatever its capability says (a cancel). */
  naturallyRepeatable?: boolean;
  /**
   * What the chosen account must accept (amount precision, offered assets, address shapes), checked
   * before any I/O: the first choice throws a `ValidationError`, a fallback that fails is skipped.
   */
  demands?: InputDemands;
}

export interface RunnerDependencies {
  registry: ProviderRegistry;
  router: Router;
  executor: IdempotentExecutor;
  publisher: EventPublisher;
  store: Store;
  secrets: SecretRegistry;
  logger: Logger;
  /** Spans and metrics; absent when there is nowhere to send them. */
  telemetry?: PaymuxTelemetry | undefined;
}

/** Runs one operation: options check, routing, capability check (all before I/O), call, events. */
export class OperationRunner {
  constructor(private readonly deps: RunnerDependencies) {}

  /**
   * Validates input with a core schema; the `ValidationError` names the field, before any I/O.
   * Core remembers the result, so the adapter's `defineProvider` does not parse it a second time.
   */
  parse<S extends z.ZodType>(schema: S, value: unknown, operation: OperationName): z.output<S> {
    const parsed = parseOperationInput(schema, value, { operation });
    const providerOptions = (parsed as { providerOptions?: Record<string, unknown> } | undefined)
      ?.providerOptions;
    if (providerOptions !== undefined) {
      const { registry } = this.deps;
      const types = [...new Set(registry.accountNames().map((account) => registry.accountType(account)))];
      checkProviderOptionKeys(providerOptions, types, operation);
    }
    return parsed;
  }

  read<T>(spec: ReadSpec<T>): Promise<T> {
    const telemetry = this.deps.telemetry;
    return telemetry
      ? telemetry.call(spec.operation, (call) => this.readNow(spec, call))
      : this.readNow(spec);
  }

  mutate<T>(spec: MutationSpec<T>): Promise<T> {
    const telemetry = this.deps.telemetry;
    return telemetry
      ? telemetry.call(spec.operation, (call) => this.mutateNow(spec, call))
      : this.mutateNow(spec);
  }

  private async readNow<T>(spec: ReadSpec<T>, telemetry?: CallTelemetry): Promise<T> {
    try {
      const options = this.options(spec);
      const [account] = this.route(spec, options);
      const provider = this.supporting(account!, spec.operation, undefined);
      telemetry?.routedTo(account!, provider.type);
      const result = await spec.invoke(provider, this.callOptions(options));
      await this.observe(spec, result);
      return result;
    } catch (error) {
      throw this.deps.secrets.scrubError(error);
    }
  }

  private async mutateNow<T>(spec: MutationSpec<T>, telemetry?: CallTelemetry): Promise<T> {
    try {
      const options = this.options(spec);
      const candidates = this.route(spec, options);
      const first = this.supporting(candidates[0]!, spec.operation, spec.flow);
      if (spec.demands) checkDemands(first, candidates[0]!, spec.operation, spec.demands);
      const usable = candidates.filter(
        (account, index) => index === 0 || (this.supports(account, spec) && this.meetsDemands(account, spec)),
      );
      // What identifies the call, namespaced so a caller key never collides with a reference.
      const [scope, subject] =
        spec.idempotencyKey !== undefined
          ? ['key', spec.idempotencyKey]
          : spec.reference !== undefined
            ? ['reference', spec.reference]
            : spec.subjectId !== undefined
              ? ['subject', spec.subjectId]
              : ['input', fingerprint(spec.input)];
      const { idempotencyKey: _key, ...input } = spec.input;
      const result = await this.deps.executor.run<T>({
        operation: spec.operation,
        recordKey: JSON.stringify([spec.operation, scope, subject]),
        fingerprint: fingerprint({ input, account: options.account ?? null }),
        reference: spec.reference,
        subjectId: spec.subjectId,
        candidates: usable,
        providerKeyFor: (account) =>
          spec.idempotencyKey ?? deriveProviderKey(account, spec.operation, spec.reference ?? subject),
        call: async (account, providerKey) => {
          const provider = this.deps.registry.provider(account);
          telemetry?.routedTo(account, provider.type);
          const created = await spec.invoke(provider, {
            ...this.callOptions(options),
            idempotencyKey: providerKey,
          });
          await this.remember(spec, account, created);
          return created;
        },
        reconcile: spec.reconcile
          ? (account, record) => spec.reconcile!(this.deps.registry.provider(account), record)
          : undefined,
        resendWhenNotFound: (account) =>
          spec.operation === 'createPayment' ||
          spec.naturallyRepeatable === true ||
          this.idempotent(account, spec),
        resendWhenUnknown: (account) => spec.naturallyRepeatable === true || this.idempotent(account, spec),
      });
      await this.observe(spec, result);
      return result;
    } catch (error) {
      throw this.deps.secrets.scrubError(error);
    }
  }

  private options(spec: ReadSpec<unknown>): PaymuxCallOptions {
    // The two shapes nearly every call uses, no options or just an account, are accepted without
    // running the schema (which costs several microseconds per call); anything else is checked.
    const given = spec.options;
    if (given === undefined) return {};
    if (isAccountOnly(given)) return given;
    return parseInput(
      wrappedCallOptionsSchema,
      { options: spec.options ?? {} },
      {
        operation: spec.operation,
      },
    ).options;
  }

  private route(spec: ReadSpec<unknown>, options: PaymuxCallOptions): string[] {
    const facts: RoutingFacts = spec.facts
      ? { ...spec.facts, operation: spec.operation, requires: options.requires }
      : { operation: spec.operation, requires: options.requires };
    return this.deps.router.candidates(facts, options.account);
  }

  private callOptions(options: PaymuxCallOptions): CallOptions {
    const callOptions: CallOptions = {};
    if (options.signal) callOptions.signal = options.signal;
    if (options.timeoutMs !== undefined) callOptions.timeoutMs = options.timeoutMs;
    return callOptions;
  }

  private supports(account: string, spec: MutationSpec<unknown>): boolean {
    const capabilities = this.deps.registry.provider(account).capabilities;
    return (
      capabilities.operations[spec.operation] !== undefined &&
      (spec.flow === undefined || capabilities.flows.includes(spec.flow))
    );
  }

  /** The account's provider, or `UnsupportedOperationError` (before any I/O) when it lacks the operation or flow. */
  private supporting(
    account: string,
    operation: OperationName,
    flow: PaymentFlow | undefined,
  ): PaymentProvider {
    const provider = this.deps.registry.provider(account);
    if (provider.capabilities.operations[operation] === undefined) {
      throw new UnsupportedOperationError(
        `Account "${account}" (${provider.type}) does not support ${operation}`,
        {
          provider: account,
          operation,
        },
      );
    }
    if (flow !== undefined && !provider.capabilities.flows.includes(flow)) {
      throw new UnsupportedOperationError(
        `Account "${account}" (${provider.type}) does not offer the ${flow} flow; it offers ${provider.capabilities.flows.join(', ') || 'none'}`,
        { provider: account, operation, field: 'flow' },
      );
    }
    return provider;
  }

  /** Whether a fallback account accepts the call's input; one that does not is skipped. */
  private meetsDemands(account: string, spec: MutationSpec<unknown>): boolean {
    if (!spec.demands) return true;
    try {
      checkDemands(this.deps.registry.provider(account), account, spec.operation, spec.demands);
      return true;
    } catch {
      return false;
    }
  }

  private idempotent(account: string, spec: MutationSpec<unknown>): boolean {
    return this.deps.registry.provider(account).capabilities.operations[spec.operation]?.idempotent === true;
  }

  private async remember<T>(spec: MutationSpec<T>, account: string, result: T): Promise<void> {
    try {
      for (const { kind, providerId } of spec.created?.(result) ?? []) {
        await this.deps.store.rememberObject(account, kind, providerId);
      }
    } catch (error) {
      // The object exists: failing the call now would only invite a duplicate.
      this.deps.logger.error('paymux could not remember a created object', {
        operation: spec.operation,
        error: String(error),
      });
    }
  }

  /** Announces what the result shows; a failure here never fails the call that succeeded. */
  private async observe<T>(spec: ReadSpec<T>, result: T): Promise<void> {
    for (const observed of spec.observe?.(result) ?? []) {
      try {
        await this.deps.publisher.publishObserved(observed);
      } catch (error) {
        this.deps.logger.error('paymux could not publish an event', {
          operation: spec.operation,
          error: String(error),
        });
      }
    }
  }
}
