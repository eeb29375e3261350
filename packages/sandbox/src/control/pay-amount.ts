import { isPositiveDecimal, multiplyDecimal, normalizeDecimal } from '../core/decimal-amount';
import { ControlError } from './control-error';
import type { PayInput } from './control-types';

const KIND_FACTORS = { exact: '1', short: '0.9', excess: '1.1' } as const;

/** The amount the simulated customer sends: `amount` as given, or `kind` applied to what is due. */
export function amountToPay(input: PayInput, due: string | undefined, scale: number): string {
  if (input.amount !== undefined) {
    if (!isPositiveDecimal(input.amount))
      throw new ControlError(400, 'amount must be a positive decimal string');
    return input.amount;
  }
  if (due === undefined || !isPositiveDecimal(due)) {
    throw new ControlError(400, 'This payment has no amount due: give an explicit amount');
  }
  return normalizeDecimal(multiplyDecimal(due, KIND_FACTORS[input.kind ?? 'exact'], scale));
}

/** Validates a confirmations count given to the control API. */
export function confirmationsOf(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0)
    throw new ControlError(400, 'confirmations must be a non-negative integer');
  return value;
}
