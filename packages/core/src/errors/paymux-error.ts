const PAYMUX_ERROR = Symbol.for('paymux.error');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** A class's own `kind`, or its name for a subclass that did not declare one. */
function kindOf(errorClass: unknown): string {
  const candidate = errorClass as { kind?: unknown; name: string };
  return Object.hasOwn(candidate, 'kind') && typeof candidate.kind === 'string'
    ? candidate.kind
    : candidate.name;
}

/** Stable machine-readable error codes. */
export type PaymuxErrorCode =
  | 'configuration_error'
  | 'validation_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found'
  | 'duplicate_reference'
  | 'insufficient_funds'
  | 'rate_limited'
  | 'provider_unavailable'
  | 'network_error'
  | 'timeout'
  | 'ambiguous_outcome'
  | 'provider_rejected'
  | 'provider_response_invalid'
  | 'unsupported_operation'
  | 'webhook_verification_failed'
  | 'internal_error';

/** One problem with an input field. */
export interface ValidationIssue {
  /** Dotted path of the field, e.g. `amount.currency`. */
  path: string;
  message: string;
}

/** What every paymux error may carry besides its message. */
export interface PaymuxErrorOptions {
  /** Provider type or account the error concerns. */
  provider?: string;
  /** The provider's own error code, kept verbatim. */
  providerCode?: string;
  httpStatus?: number;
  requestId?: string;
  retryable?: boolean;
  /** The input field at fault, for validation errors. */
  field?: string;
  issues?: ValidationIssue[];
  /** Seconds to wait before retrying, for rate limits. */
  retryAfter?: number;
  /** The operation that was running (`createPayout`, …). */
  operation?: string;
  /** The merchant reference of the object concerned, where known. */
  reference?: string;
  /** A short, redacted excerpt of a response body. */
  bodyExcerpt?: string;
  /** The underlying error: kept out of `toJSON()` and `util.inspect` output. */
  cause?: unknown;
}

/**
 * The root of every error paymux throws. Identify errors with the static `is` methods, which work
 * across duplicated package copies (they check a registered symbol, not the prototype chain).
 *
 * @example
 * try { await paymux.createPayment(input) }
 * catch (error) {
 *   if (RateLimitError.is(error)) await sleep(error.retryAfter ?? 1);
 *   else if (PaymuxError.is(error) && error.retryable) retryLater();
 * }
 */
export class PaymuxError extends Error {
  /**
   * The class's stable name. Identity checks use it rather than `constructor.name`, which a
   * minifier may rename differently in two copies of paymux.
   */
  static readonly kind: string = 'PaymuxError';
  /** The class names of this error and its parents, most specific first. */
  declare readonly kinds: readonly string[];
  readonly code: PaymuxErrorCode;
  readonly provider: string | undefined;
  readonly providerCode: string | undefined;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly field: string | undefined;
  readonly issues: ValidationIssue[] | undefined;
  readonly operation: string | undefined;
  readonly reference: string | undefined;
  readonly bodyExcerpt: string | undefined;

  constructor(code: PaymuxErrorCode, message: string, options: PaymuxErrorOptions = {}) {
    super(message);
    this.code = code;
    this.provider = options.provider;
    this.providerCode = options.providerCode;
    this.httpStatus = options.httpStatus;
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
    this.field = options.field;
    this.issues = options.issues;
    this.operation = options.operation;
    this.reference = options.reference;
    this.bodyExcerpt = options.bodyExcerpt;
    // Non-enumerable: a cause may be a transport error holding request headers.
    Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false, writable: true });
    Object.defineProperty(this, PAYMUX_ERROR, { value: true, enumerable: false });
    const kinds: string[] = [];
    for (
      let proto = new.target.prototype;
      proto && proto !== Error.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      if (Object.hasOwn(proto, 'constructor')) kinds.push(kindOf(proto.constructor));
    }
    Object.defineProperty(this, 'kinds', { value: Object.freeze(kinds), enumerable: false });
    this.name = kindOf(new.target);
  }

  /**
   * True when `error` is a paymux error of this class or a subclass, even if it was thrown by
   * another copy of paymux.
   */
  static is<T extends abstract new (...args: never[]) => PaymuxError>(
    this: T,
    error: unknown,
  ): error is InstanceType<T> {
    if (typeof error !== 'object' || error === null) return false;
    if ((error as Record<symbol, unknown>)[PAYMUX_ERROR] !== true) return false;
    // The class's declared kind, never `this.name`: a minifier renames classes, and two copies of
    // paymux minified apart would name the same class differently.
    const kind = kindOf(this);
    if (kind === PaymuxError.kind) return true;
    const kinds = (error as { kinds?: unknown }).kinds;
    return Array.isArray(kinds) && kinds.includes(kind);
  }

  /**
   * Fills in context the thrower did not know (the HTTP layer knows the operation and request id
   * an adapter's error mapper does not). Fields already set are kept.
   */
  withContext(context: Omit<PaymuxErrorOptions, 'cause' | 'retryable' | 'issues'>): this {
    const target = this as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(context)) {
      if (value !== undefined && target[key] === undefined) target[key] = value;
    }
    return this;
  }

  /** A plain, secret-free object: safe to log or send over the wire. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    const optional: Record<string, unknown> = {
      provider: this.provider,
      providerCode: this.providerCode,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      field: this.field,
      issues: this.issues,
      operation: this.operation,
      reference: this.reference,
      bodyExcerpt: this.bodyExcerpt,
      ...this.extraJson(),
    };
    for (const [key, value] of Object.entries(optional)) if (value !== undefined) json[key] = value;
    json.retryable = this.retryable;
    return json;
  }

  /** Extra serialised fields of a subclass. */
  protected extraJson(): Record<string, unknown> {
    return {};
  }

  /** What `console.log` and `util.inspect` show: the JSON form and the stack, never the cause. */
  [INSPECT](): string {
    const stack = (this.stack ?? '').split('\n').slice(1).join('\n');
    return `${this.name} ${JSON.stringify(this.toJSON(), null, 2)}${stack ? `\n${stack}` : ''}`;
  }
}
