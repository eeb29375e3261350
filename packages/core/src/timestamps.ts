// Already in the form toISOString() writes, with month, day and hour in range. The day is checked
// against the month below, because Date.parse rolls "02-30" over to March instead of refusing it.
const CANONICAL_ISO =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * A provider's timestamp as ISO 8601 UTC with milliseconds (`2026-11-21T12:54:52.334Z`), or
 * `undefined` when it is absent or not a date. Any form `Date.parse` reads is accepted; a value
 * already in canonical form is returned as it is, which spares formatting it again (the common
 * case, and a measurable share of a webhook's cost).
 *
 * @example
 * toIsoTimestamp('2026-11-21 12:54:52+01:00') // "2026-11-21T11:54:52.000Z"
 * toIsoTimestamp('yesterday') // undefined
 */
export function toIsoTimestamp(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  if (CANONICAL_ISO.test(value) && new Date(time).getUTCDate() === Number(value.slice(8, 10))) return value;
  return new Date(time).toISOString();
}
