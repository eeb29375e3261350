import { PaymuxError, type PaymuxErrorCode, type Redactor } from '@paymux/core';
import type { OtelSpan } from './otel-types';
import { safeAttributes, type TelemetryAttributes } from './telemetry-attributes';

/** `SpanStatusCode.ERROR`, written out so that a span can be ended without the API module. */
const SPAN_STATUS_ERROR = 2;

/** What telemetry says of a failure: its code and class, never its message. */
export interface DescribedFailure {
  code: PaymuxErrorCode;
  kind: string;
}

/** The code and class of a failure: never its message, which may quote a provider's answer. */
export function describeFailure(error: unknown): DescribedFailure {
  if (PaymuxError.is(error)) return { code: error.code, kind: error.name };
  const name = error instanceof Error ? error.name : '';
  return { code: 'internal_error', kind: /^[A-Za-z][\w.]{0,63}$/.test(name) ? name : 'Error' };
}

/**
 * Ends a span of paymux's: its allow-listed attributes (through the redaction), and for a
 * failure the code and class as attributes and as the `ERROR` status message.
 *
 * @example
 * endSpan(span, { 'paymux.account': 'main' }, describeFailure(error), redact);
 */
export function endSpan(
  span: OtelSpan,
  attributes: TelemetryAttributes,
  failure: DescribedFailure | undefined,
  redact: Redactor,
): void {
  const failed: TelemetryAttributes = failure
    ? { 'paymux.error.code': failure.code, 'paymux.error.kind': failure.kind, 'error.type': failure.kind }
    : {};
  span.setAttributes(safeAttributes({ ...attributes, ...failed }, redact));
  if (failure)
    span.setStatus({ code: SPAN_STATUS_ERROR, message: redact(`${failure.kind} (${failure.code})`) });
  span.end();
}
