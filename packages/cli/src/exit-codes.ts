import { AmbiguousOutcomeError, ConfigurationError, PaymuxError, ValidationError } from '@paymux/core';
import { UsageError } from './usage-error';

/**
 * What `paymux` exits with. Scripts can branch on these: 1 means the provider said no, 3 means
 * "try again later", 4 means "look before you retry".
 */
export const ExitCode = {
  /** The command did what was asked. */
  ok: 0,
  /** The provider or the operation refused: not found, rejected, authentication, unsupported, … */
  operationFailed: 1,
  /** The command line, the config file or the input is wrong; nothing was sent. */
  usage: 2,
  /** A temporary failure (network, timeout, rate limit, provider unavailable): retrying later may work. */
  temporaryFailure: 3,
  /** The request may or may not have taken effect: look the object up before retrying. */
  ambiguousOutcome: 4,
  /** `--wait` gave up before the object reached a settled status. */
  waitTimedOut: 5,
  /** A bug in paymux or an adapter. */
  internal: 70,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code an error means. */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof UsageError) return ExitCode.usage;
  if (ConfigurationError.is(error) || ValidationError.is(error)) return ExitCode.usage;
  if (AmbiguousOutcomeError.is(error)) return ExitCode.ambiguousOutcome;
  if (PaymuxError.is(error)) {
    if (error.code === 'internal_error') return ExitCode.internal;
    // A connection lost after the request went out: it may have been processed.
    if ((error.code === 'network_error' || error.code === 'timeout') && !error.retryable)
      return ExitCode.ambiguousOutcome;
    return error.retryable ? ExitCode.temporaryFailure : ExitCode.operationFailed;
  }
  return ExitCode.internal;
}
