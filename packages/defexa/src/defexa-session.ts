import type { DefexaLoginResponse } from './defexa-api';

/** A DA session token and when paymux stops using it (ms since the epoch). */
interface DefexaSession {
  token: string;
  /** `expiration` minus the refresh margin. */
  usableUntil: number;
}

/** Used when Defexa's `expiration` cannot be read: short enough to be safe. */
const FALLBACK_LIFETIME_MS = 5 * 60_000;
/** Tokens remembered for log scrubbing. */
const REMEMBERED_TOKENS = 8;

/**
 * Reads Defexa's `expiration` (`"2023-03-28 22:52:59 UTC"`, or ISO 8601) as ms since the epoch.
 *
 * @example
 * parseDefexaTimestamp('2023-03-28 22:52:59 UTC') // Date.UTC(2023, 2, 28, 22, 52, 59)
 */
export function parseDefexaTimestamp(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const engine = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(UTC|Z)?$/i.exec(text);
  const iso = engine ? `${engine[1]}T${engine[2]}Z` : text;
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * The DA session of one client: one token reused until shortly before its `expiration`, one
 * login at a time (concurrent callers share it), and a way to drop a token the API refused.
 *
 * @example
 * const sessions = new DefexaSessionManager(() => api.login(), () => new Date(), 60_000);
 * const token = await sessions.token();
 */
export class DefexaSessionManager {
  private current: DefexaSession | undefined;
  private pending: Promise<DefexaSession> | undefined;
  private readonly issued: string[] = [];

  constructor(
    private readonly login: () => Promise<DefexaLoginResponse>,
    private readonly now: () => Date,
    private readonly refreshMarginMs: number,
  ) {}

  /** A usable session token, logging in when there is none. */
  async token(): Promise<string> {
    const current = this.current;
    if (current && this.now().getTime() < current.usableUntil) return current.token;
    return (await this.refresh()).token;
  }

  /** Forgets `token` after the API refused it, unless a newer session already replaced it. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  /** Tokens issued to this client, newest last: scrubbed from log lines. */
  knownTokens(): readonly string[] {
    return this.issued;
  }

  private refresh(): Promise<DefexaSession> {
    if (!this.pending) {
      const issuedAt = this.now().getTime();
      this.pending = this.login()
        .then((response) => {
          const expiresAt = parseDefexaTimestamp(response.expiration) ?? issuedAt + FALLBACK_LIFETIME_MS;
          const session = { token: response.session_token, usableUntil: expiresAt - this.refreshMarginMs };
          this.current = session;
          this.issued.push(session.token);
          if (this.issued.length > REMEMBERED_TOKENS) this.issued.shift();
          return session;
        })
        .finally(() => {
          this.pending = undefined;
        });
    }
    return this.pending;
  }
}
