import {
  ConfigurationError,
  type OperationName,
  certainlyNotCarriedOut,
  type ValidationIssue,
} from '@paymux/core';
import type { ProviderRegistry } from '../registry/provider-registry';
import { type RoutingFacts, type RoutingRule, ruleMatches } from './routing-rules';

/** Routing config after validation. */
export interface ResolvedRouting {
  default?: string | undefined;
  rules: RoutingRule[];
  fallback: string[];
}

/** Operations that may move to a fallback account: creating something anew is the same anywhere. */
const FALLBACK_OPERATIONS: ReadonlySet<OperationName> = new Set([
  'createPayment',
  'createPayout',
  'createPayoutBatch',
]);

/**
 * True only when the failed call certainly created nothing at the provider, so another account
 * may be tried: a refused connection or a 503 (`ProviderUnavailableError` without a status or
 * with 503), or a rate limit. A timeout, an ambiguous outcome, another 5xx or any other error
 * may hide a created object, so it never triggers a fallback.
 */
export function isCertainNonCreation(error: unknown): boolean {
  return certainlyNotCarriedOut(error);
}

/** Picks the account for a call: the one named, the first matching rule's, or the default. */
export class Router {
  constructor(
    private readonly routing: ResolvedRouting,
    private readonly registry: ProviderRegistry,
  ) {}

  /** Issues for names in the routing config that resolve to no account. */
  static check(routing: ResolvedRouting, registry: ProviderRegistry): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    const router = new Router(routing, registry);
    const check = (path: string, name: string | undefined) => {
      if (name === undefined) return;
      const problem = router.problemWith(name);
      if (problem) issues.push({ path, message: problem });
    };
    check('routing.default', routing.default);
    for (const [index, rule] of routing.rules.entries()) check(`routing.rules.${index}.use`, rule.use);
    for (const [index, name] of routing.fallback.entries()) check(`routing.fallback.${index}`, name);
    return issues;
  }

  /**
   * The accounts to try, in order: the chosen one, then (for creation operations called without
   * an explicit account) the fallback accounts that declare the operation.
   */
  candidates(facts: RoutingFacts, explicitAccount: string | undefined): string[] {
    if (explicitAccount !== undefined) {
      this.registry.accountType(explicitAccount); // throws a ConfigurationError for an unknown account
      return [explicitAccount];
    }
    const chosen = this.choose(facts);
    if (!FALLBACK_OPERATIONS.has(facts.operation)) return [chosen];
    const fallbacks = this.routing.fallback
      .map((name) => this.resolve(name))
      .filter(
        (name) =>
          name !== chosen &&
          this.registry.provider(name).capabilities.operations[facts.operation] !== undefined,
      );
    return [...new Set([chosen, ...fallbacks])];
  }

  /** The account chosen by rules or default, without fallbacks. */
  choose(facts: RoutingFacts): string {
    for (const rule of this.routing.rules) {
      if (ruleMatches(rule.when, facts)) return this.resolve(rule.use);
    }
    if (this.routing.default !== undefined) return this.resolve(this.routing.default);
    const accounts = this.registry.accountNames();
    if (accounts.length === 1) return accounts[0]!;
    throw new ConfigurationError(
      accounts.length === 0
        ? 'No provider account is configured'
        : `No routing rule matched and routing.default is not set; pass { account } (one of ${accounts.join(', ')}) or set routing.default`,
      { operation: facts.operation },
    );
  }

  /** An account name, or a provider type that exactly one account has. */
  private resolve(name: string): string {
    if (this.registry.hasAccount(name)) return name;
    const problem = this.problemWith(name);
    if (problem) throw new ConfigurationError(`routing: ${problem}`);
    return this.registry.accountNames().find((account) => this.registry.accountType(account) === name)!;
  }

  private problemWith(name: string): string | undefined {
    if (this.registry.hasAccount(name)) return undefined;
    const accounts = this.registry.accountNames();
    const ofType = accounts.filter((account) => this.registry.accountType(account) === name);
    if (ofType.length === 1) return undefined;
    if (ofType.length > 1) {
      return `"${name}" is a provider type with several accounts (${ofType.join(', ')}); name one of them`;
    }
    return `unknown account "${name}"; accounts: ${accounts.length > 0 ? accounts.join(', ') : '(none)'}`;
  }
}
