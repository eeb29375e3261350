/** The parts of a connection that may be shown: never the password. */
export interface PostgresLocation {
  user?: string | undefined;
  host?: string | undefined;
  port?: number | string | undefined;
  database?: string | undefined;
}

/**
 * `postgres://user@host:port/db`, for messages: the password is left out whatever its source.
 *
 * @example
 * describePostgres(locationOfUrl('postgres://app:secret@db:5432/pay')) // 'postgres://app@db:5432/pay'
 */
export function describePostgres(location: PostgresLocation): string {
  const user = location.user ? `${location.user}@` : '';
  return `postgres://${user}${location.host ?? 'localhost'}:${location.port ?? 5432}/${location.database ?? ''}`;
}

/** The showable parts of a connection string (an unparseable one shows nothing of itself). */
export function locationOfUrl(connectionString: string): PostgresLocation & { password?: string } {
  try {
    const url = new URL(connectionString);
    return {
      user: decodeURIComponent(url.username) || undefined,
      host: url.hostname || undefined,
      port: url.port || undefined,
      database: decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined,
      password: decodeURIComponent(url.password) || undefined,
    };
  } catch {
    return { host: '(unparseable connection string)' };
  }
}

/**
 * `message` with every secret replaced: a driver's message is not supposed to carry the password,
 * but it is shown to people, so it is scrubbed rather than trusted.
 */
export function scrub(message: string, secrets: readonly (string | undefined)[]): string {
  let clean = message;
  for (const secret of secrets) if (secret) clean = clean.split(secret).join('***');
  return clean;
}
