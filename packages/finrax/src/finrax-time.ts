/**
 * Finrax sends Unix time in seconds almost everywhere (`paymentInitiatedAt: 1702906899`) and in
 * milliseconds in headers: values below 10^12 are read as seconds.
 *
 * @example
 * finraxTimeToIso(1702906899) // '2023-12-18T13:41:39.000Z'
 */
export function finraxTimeToIso(value: number | null | undefined): string | undefined {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  const ms = value < 1e12 ? value * 1000 : value;
  return new Date(ms).toISOString();
}

/** The latest of several ISO timestamps (`undefined` entries skipped). */
export function latestIso(...values: (string | undefined)[]): string | undefined {
  let latest: string | undefined;
  for (const value of values)
    if (value !== undefined && (latest === undefined || value > latest)) latest = value;
  return latest;
}
