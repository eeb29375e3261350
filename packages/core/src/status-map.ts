/**
 * Maps a provider's raw status through an exhaustive table. A raw status the table does not know
 * becomes `unknown`: kept in `rawStatus`, reported, never guessed.
 *
 * @example
 * const finraxStatuses = { NEW: 'requires_payment', ... } as const satisfies Record<FinraxStatus, PaymentStatus>;
 * mapStatus(finraxStatuses, body.status) // 'requires_payment' | … | 'unknown'
 */
export function mapStatus<Unified extends string>(
  table: Readonly<Record<string, Unified>>,
  raw: string | undefined | null,
): Unified | 'unknown' {
  if (raw === undefined || raw === null) return 'unknown';
  return Object.hasOwn(table, raw) ? (table[raw] as Unified) : 'unknown';
}
