import {
  decimal,
  decimalStringSchema,
  type OperationName,
  operationNames,
  paymentFlowSchema,
} from '@paymux/core';
import { z } from 'zod';

const oneOrMany = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.array(schema).min(1)]).transform((value) => (Array.isArray(value) ? value : [value]));

const symbol = z.string().min(1).max(16);

/** What a routing rule matches on. Every given condition must hold. */
export const routingConditionSchema = z.strictObject({
  /** The crypto symbol the customer pays with (or a payout's asset), case-insensitive. */
  payWith: oneOrMany(symbol).optional(),
  /** The network of that asset, e.g. `tron`. */
  network: oneOrMany(z.string().min(1)).optional(),
  /** The currency of the amount (fiat such as `EUR`, or crypto), case-insensitive. */
  currency: oneOrMany(symbol).optional(),
  /** Inclusive bounds of the amount, as decimal strings. Pair it with `currency`. */
  amount: z
    .strictObject({ min: decimalStringSchema.optional(), max: decimalStringSchema.optional() })
    .optional(),
  /** The payment flow asked for in the input. */
  flow: oneOrMany(paymentFlowSchema).optional(),
  /**
   * Matches when the call needs one of these capabilities: its own operation, or one named in the
   * call's `requires` option (e.g. a payment that must be refundable later: `createRefund`).
   */
  capability: oneOrMany(z.enum(operationNames)).optional(),
});

/** One routing rule: when the conditions hold, the call goes to account `use`. */
export const routingRuleSchema = z.strictObject({
  when: routingConditionSchema,
  /** An account name from `providers` (or a provider type that exactly one account has). */
  use: z.string().min(1),
});

export type RoutingCondition = z.output<typeof routingConditionSchema>;
export type RoutingRule = z.output<typeof routingRuleSchema>;
export type RoutingRuleInput = z.input<typeof routingRuleSchema>;

/** The facts about one call that rules are matched against. */
export interface RoutingFacts {
  operation: OperationName;
  payWith?: string;
  network?: string;
  currency?: string;
  amount?: string;
  flow?: string;
  /** Capabilities the call needs besides its own operation. */
  requires?: readonly OperationName[];
}

const sameSymbol = (wanted: readonly string[], actual: string | undefined) =>
  actual !== undefined && wanted.some((item) => item.toUpperCase() === actual.toUpperCase());

/** True when every condition of `when` holds for `facts`. A condition on a missing fact fails. */
export function ruleMatches(when: RoutingCondition, facts: RoutingFacts): boolean {
  if (when.payWith && !sameSymbol(when.payWith, facts.payWith)) return false;
  if (when.network && !(facts.network !== undefined && when.network.includes(facts.network))) return false;
  if (when.currency && !sameSymbol(when.currency, facts.currency)) return false;
  if (when.flow && !(facts.flow !== undefined && (when.flow as readonly string[]).includes(facts.flow))) {
    return false;
  }
  if (when.amount) {
    if (facts.amount === undefined) return false;
    const { min, max } = when.amount;
    if (min !== undefined && decimal.compare(facts.amount, min) < 0) return false;
    if (max !== undefined && decimal.compare(facts.amount, max) > 0) return false;
  }
  if (when.capability) {
    const needed = new Set<OperationName>([facts.operation, ...(facts.requires ?? [])]);
    if (!when.capability.some((capability) => needed.has(capability))) return false;
  }
  return true;
}
