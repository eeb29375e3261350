const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Walks a result and lists every Money-shaped value (`{ amount, currency }`) whose amount is not a
 * plain decimal string. `raw` subtrees are skipped: they are the provider's payload, kept verbatim.
 *
 * @example
 * findMoneyViolations({ amount: { amount: 10.5, currency: 'EUR' } }) // ['$.amount.amount is 10.5 (number)']
 */
export function findMoneyViolations(value: unknown, path = '$', depth = 0): string[] {
  if (depth > 30) return [];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => findMoneyViolations(item, `${path}[${index}]`, depth + 1));
  }
  if (!isRecord(value)) return [];
  const violations: string[] = [];
  if ('amount' in value && typeof value.currency === 'string') {
    const amount = value.amount;
    if (typeof amount !== 'string' || !PLAIN_DECIMAL.test(amount)) {
      violations.push(`${path}.amount is ${JSON.stringify(amount) ?? String(amount)} (${typeof amount})`);
    }
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === 'raw') continue;
    violations.push(...findMoneyViolations(item, `${path}.${key}`, depth + 1));
  }
  return violations;
}
