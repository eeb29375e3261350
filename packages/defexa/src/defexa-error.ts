import {
  AuthenticationError,
  DuplicateReferenceError,
  errorFromHttpStatus,
  type HttpResponse,
  InsufficientFundsError,
  NotFoundError,
  PermissionError,
  ProviderRejectedError,
  ProviderUnavailableError,
  type PaymuxError,
  type PaymuxErrorOptions,
  parseRetryAfter,
  RateLimitError,
  type Redactor,
} from '@paymux/core';

/** The engine's error kinds (seed, "Kinds of errors"). */
export type DefexaErrorKind =
  | 'api_error'
  | 'authentication_error'
  | 'invalid_request_error'
  | 'processing_error';

type ErrorConstructor = new (message: string, options?: PaymuxErrorOptions) => PaymuxError;

/**
 * Every error code of the seed's table, and the engine codes seen publicly beside it, with the
 * paymux class each becomes. `providerCode` always keeps the code itself.
 */
export const defexaErrorCodes = {
  // The seed's "Codes of errors".
  incorrect_private_key: AuthenticationError,
  incorrect_address_info: ProviderRejectedError,
  incorrect_bank_card_info: ProviderRejectedError,
  order_number_already_exists: DuplicateReferenceError,
  amount_less_than_balance: InsufficientFundsError,
  incorrect_amount: ProviderRejectedError,
  incorrect_currency: ProviderRejectedError,
  incorrect_order_number: ProviderRejectedError,
  amount_less_than_minimum: ProviderRejectedError,
  // The seed's error examples.
  merchant_not_found: AuthenticationError,
  // Engine codes documented outside the seed.
  payment_not_found: NotFoundError,
  settings_are_absent: PermissionError,
  balance_less_than_amount: InsufficientFundsError,
  no_route_match: ProviderRejectedError,
  content_type_not_allowed: ProviderRejectedError,
  action_skipped_due_to_debounce: RateLimitError,
} as const satisfies Record<string, ErrorConstructor>;

/**
 * Codes that say the merchant key itself is wrong: logging in again cannot help, so the client
 * does not retry them with a new session.
 */
export const defexaKeyErrorCodes: ReadonlySet<string> = new Set([
  'incorrect_private_key',
  'merchant_not_found',
]);

/** What an unlisted code becomes, by its kind. */
export const defexaErrorKinds = {
  api_error: ProviderUnavailableError,
  authentication_error: AuthenticationError,
  invalid_request_error: ProviderRejectedError,
  processing_error: ProviderRejectedError,
} as const satisfies Record<DefexaErrorKind, ErrorConstructor>;

interface DefexaErrorItem {
  code: string | undefined;
  kind: string | undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The `{code, kind}` items of an error body, in both shapes the seed shows: `errors: [...]` and
 * `errors: {list: [...]}`. `undefined` when the body is not a Defexa error.
 */
export function readDefexaErrors(body: unknown): DefexaErrorItem[] | undefined {
  const record = asRecord(body);
  if (!record) return undefined;
  const errors = record.errors;
  const list = Array.isArray(errors) ? errors : asRecord(errors)?.list;
  if (Array.isArray(list) && list.length > 0) {
    return list.map((item) => {
      const entry = asRecord(item);
      return entry
        ? { code: text(entry.code), kind: text(entry.kind) }
        : { code: text(item), kind: undefined };
    });
  }
  if (record.success === false) return [{ code: text(record.error) ?? text(record.code), kind: undefined }];
  return undefined;
}

/**
 * Turns a Defexa error body into a typed error. Called for every response (a 200 with
 * `success: false` is an error too); returns `undefined` for a success, and for a bare HTTP
 * error without a Defexa body, which core maps by status. A code and kind this adapter does not
 * know fall back on the HTTP status. Codes are passed through `redact`: a provider may echo
 * credentials into them.
 *
 * @example
 * mapDefexaError({ status: 403, headers: {}, body: { success: false, errors: [{ code: 'amount_less_than_balance', kind: 'processing_error' }] } })
 * // InsufficientFundsError with providerCode 'amount_less_than_balance'
 */
export function mapDefexaError(
  response: Pick<HttpResponse, 'status' | 'body'> & Partial<Pick<HttpResponse, 'headers' | 'requestId'>>,
  context: { provider?: string; redact?: Redactor } = {},
): PaymuxError | undefined {
  const items = readDefexaErrors(response.body);
  if (!items) return undefined;
  const redact = context.redact ?? ((value: string) => value);
  const first = items[0] ?? { code: undefined, kind: undefined };
  const code = first.code !== undefined ? redact(first.code) : undefined;
  const kind = first.kind !== undefined ? redact(first.kind) : undefined;
  const described = items
    .map((item) => [item.code, item.kind].filter((part) => part !== undefined).join(' / '))
    .filter((part) => part !== '')
    .join(', ');
  const message = `defexa refused the request: ${redact(described) || 'unspecified error'}`;
  const options: PaymuxErrorOptions = {
    provider: context.provider,
    providerCode: code ?? kind,
    httpStatus: response.status,
    requestId: response.requestId,
    retryAfter: parseRetryAfter(response.headers?.['retry-after']),
  };
  const ErrorClass: ErrorConstructor | undefined =
    (code !== undefined && Object.hasOwn(defexaErrorCodes, code)
      ? (defexaErrorCodes as Record<string, ErrorConstructor>)[code]
      : undefined) ??
    (kind !== undefined && Object.hasOwn(defexaErrorKinds, kind)
      ? (defexaErrorKinds as Record<string, ErrorConstructor>)[kind]
      : undefined);
  if (ErrorClass) return new ErrorClass(message, options);
  if (response.status >= 200 && response.status < 300) return new ProviderRejectedError(message, options);
  return errorFromHttpStatus(response.status, message, options);
}
