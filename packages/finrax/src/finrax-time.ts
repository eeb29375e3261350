/**
 * Finrax sends Unix time in seconds almost everywhere (`paymentInitiatedAt: 1702906899`) and in
 * milliseconds in headers: values below 10^12 are read as seconds.
 *
 * @example
 * finraxTimeToIso(1702906899) // '2023-12-18T13:41:39.000Z'
 */
export function finraxTimeToIso(value: number | null | undefined): string | undefined {
  const ms = finraxTimeToMs(value);
  return ms === undefined ? undefined : isoOfMs(ms);
}

/**
 * A Finrax time in milliseconds since the epoch (seconds below 10^12 are multiplied), or
 * `undefined` for an absent, non-finite or non-positive one.
 *
 * @example
 * finraxTimeToMs(1702906899) // 1702906899000
 */
export function finraxTimeToMs(value: number | null | undefined): number | undefined {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  return value < 1e12 ? value * 1000 : value;
}

// Reads and polls map the same payments over and over, and their timestamps never change: the
// formatted text is remembered (Date#toISOString costs more than the rest of a timestamp's mapping).
const isoCache = new Map<number, string>();
const ISO_CACHE_LIMIT = 4096;

/**
 * The ISO 8601 text of a time in milliseconds since the epoch.
 *
 * @example
 * isoOfMs(1702906899000) // '2023-12-18T13:41:39.000Z'
 */
export function isoOfMs(ms: number): string {
  let iso = isoCache.get(ms);
  if (iso === undefined) {
    iso = new Date(ms).toISOString();
    if (isoCache.size >= ISO_CACHE_LIMIT) isoCache.clear();
    isoCache.set(ms, iso);
  }
  return iso;
}

/** The latest of several ISO timestamps (`undefined` entries skipped). */
export function latestIso(...values: (string | undefined)[]): string | undefined {
  let latest: string | undefined;
  for (const value of values)
    if (value !== undefined && (latest === undefined || value > latest)) latest = value;
  return latest;
}
