// Already in the form toISOString() writes, with month, day and hour in range. The day is checked
// against the month below, because Date.parse rolls "02-30" over to March instead of refusing it.
const CANONICAL_ISO =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A canonical text names a real day: 1 to the month's length (29 February only in leap years). */
function isRealDay(text: string): boolean {
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (day <= 28) return true;
  if (month === 2 && day === 29) return isLeapYear(Number(text.slice(0, 4)));
  return day <= DAYS_IN_MONTH[month - 1]!;
}

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
  if (CANONICAL_ISO.test(value) && isRealDay(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
