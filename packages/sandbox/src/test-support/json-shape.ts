type Kind = 'array' | 'object' | 'string' | 'number' | 'boolean' | 'null';

function kindOf(value: unknown): Kind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as Kind;
}

/**
 * Lists where `actual` does not have the shape of `documented`: every documented key present with
 * the same JSON type, recursively (arrays compared by their first element). A null on either side
 * says nothing about the type and matches anything. Paths in `allowed` are skipped. Test-only helper.
 */
export function shapeDifferences(
  documented: unknown,
  actual: unknown,
  allowed: readonly string[] = [],
  path = '$',
): string[] {
  if (allowed.includes(path)) return [];
  const expected = kindOf(documented);
  const got = kindOf(actual);
  if (expected === 'null' || got === 'null') return [];
  if (expected !== got) return [`${path}: documented ${expected}, got ${got}`];
  if (expected === 'array') {
    const [first] = documented as unknown[];
    const [firstActual] = actual as unknown[];
    if (first === undefined) return [];
    if (firstActual === undefined) return [`${path}: documented a non-empty array, got []`];
    return shapeDifferences(first, firstActual, allowed, `${path}[0]`);
  }
  if (expected === 'object') {
    const record = documented as Record<string, unknown>;
    const actualRecord = actual as Record<string, unknown>;
    return Object.keys(record).flatMap((key) =>
      key in actualRecord
        ? shapeDifferences(record[key], actualRecord[key], allowed, `${path}.${key}`)
        : allowed.includes(`${path}.${key}`)
          ? []
          : [`${path}.${key}: missing`],
    );
  }
  return [];
}
