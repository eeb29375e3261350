import { timingSafeEqual } from 'node:crypto';
import type { SandboxClock } from '../core/sandbox-clock';
import { randomHex } from '../core/random-ids';
import type { SandboxRequest } from '../http/http-types';
import { DefexaFailure } from './defexa-errors';

/** Whether `Authorization: Bearer <key>` carries the merchant private key. */
export function checkDefexaBearer(request: SandboxRequest, merchantPrivateKey: string): void {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) throw new DefexaFailure('incorrect_private_key', 'authentication_error');
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(merchantPrivateKey);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DefexaFailure('incorrect_private_key', 'authentication_error');
  }
}

/**
 * The DA module's login sessions: `POST /api/v1/da/login` issues a token that expires after a
 * configurable lifetime of sandbox time.
 */
export class DefexaSessions {
  private readonly sessions = new Map<string, number>();

  constructor(
    private readonly clock: SandboxClock,
    private readonly lifetimeMs: number,
  ) {}

  /** Issues a new session token. */
  login(): { token: string; expiresAt: number } {
    const token = randomHex(16);
    const expiresAt = this.clock.now() + this.lifetimeMs;
    this.sessions.set(token, expiresAt);
    return { token, expiresAt };
  }

  /** Throws the engine's authentication error unless `token` is a live session. */
  check(token: string | undefined): void {
    if (!token) throw new DefexaFailure('session_token_missing', 'authentication_error');
    const expiresAt = this.sessions.get(token);
    if (expiresAt === undefined) throw new DefexaFailure('incorrect_session_token', 'authentication_error');
    if (expiresAt <= this.clock.now()) {
      this.sessions.delete(token);
      throw new DefexaFailure('session_expired', 'authentication_error');
    }
  }
}
