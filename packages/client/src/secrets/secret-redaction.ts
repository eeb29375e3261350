import {
  createRedactor,
  isSecretKey,
  type Logger,
  needsRedaction,
  type Redactor,
  redactDeep,
  scrubErrorSecrets,
  silentLogger,
} from '@paymux/core';

/**
 * The configured secret values of every account, and a redactor over all of them. Accounts can be
 * added at run time, so the redactor is rebuilt whenever a secret is added.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();
  private redactor: Redactor = (text) => text;

  /** Collects the values of `secretFields` (and of any secret-named key) from raw account settings. */
  addFromSettings(settings: Record<string, unknown>, secretFields: readonly string[]): void {
    let added = false;
    for (const [key, value] of Object.entries(settings)) {
      if (typeof value !== 'string') continue;
      if (!secretFields.includes(key) && !isSecretKey(key)) continue;
      if (!this.values.has(value)) {
        this.values.add(value);
        added = true;
      }
    }
    if (added) this.redactor = createRedactor(this.values);
  }

  /** Adds secret values found elsewhere than in a settings key (the credentials of a proxy URL). */
  addValues(values: readonly string[]): void {
    let added = false;
    for (const value of values) {
      if (value === '' || this.values.has(value)) continue;
      this.values.add(value);
      added = true;
    }
    if (added) this.redactor = createRedactor(this.values);
  }

  /** Replaces every known secret in `text` by `[REDACTED]`. */
  readonly redact: Redactor = (text) => this.redactor(text);

  /**
   * `value` with secret-named keys and secret values replaced: a deep copy when something had to
   * be replaced, `value` itself when nothing had (checked without copying).
   */
  redactValue<T>(value: T): T {
    // The current redactor itself, not the `redact` wrapper: one call less for every string.
    return needsRedaction(value, this.redactor) ? redactDeep(value, this.redactor) : value;
  }

  /**
   * Removes secrets from an error before it leaves the client. A paymux error keeps its class
   * (so `X.is()` still works); its cause stays out of JSON and inspect output, as core ensures.
   */
  scrubError(error: unknown): unknown {
    // Every field and the whole cause chain, as the HTTP client does: an adapter may build an
    // error itself, with the provider's text in its code or details.
    return scrubErrorSecrets(error, this.redactor);
  }
}

/** A logger that removes secrets from messages and fields before they reach `logger`. */
export function redactingLogger(logger: Logger, secrets: SecretRegistry): Logger {
  // Nothing to redact for a logger that drops everything; keeping it lets callers skip building
  // log fields at all (the HTTP client does, once per request).
  if (logger === silentLogger) return silentLogger;
  const wrap =
    (level: keyof Logger) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logger[level](secrets.redact(message), fields === undefined ? undefined : secrets.redactValue(fields));
    };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
