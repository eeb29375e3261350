import { type DecimalString, decimal } from './decimal';
import type { AmountDelta } from './model/payment';

/**
 * Compares what arrived with what was expected: `none` when nothing arrived yet, else `exact`,
 * `under` or `over`.
 *
 * @example
 * amountDelta('0.5', '0.4') // 'under'
 */
export function amountDelta(
  expected: DecimalString | undefined,
  received: DecimalString | undefined,
): AmountDelta {
  if (received === undefined || decimal.isZero(received)) return 'none';
  if (expected === undefined) return 'exact';
  const comparison = decimal.compare(received, expected);
  return comparison === 0 ? 'exact' : comparison < 0 ? 'under' : 'over';
}
