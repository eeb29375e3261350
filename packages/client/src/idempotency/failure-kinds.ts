import {
  AmbiguousOutcomeError,
  NetworkError,
  PaymuxError,
  ProviderResponseError,
  ProviderUnavailableError,
} from '@paymux/core';
import { isCertainNonCreation } from '../routing/router';

/**
 * True when a failed mutating call may nevertheless have been carried out: an ambiguous outcome,
 * a timeout or broken connection, a 5xx other than 503, a success response of unexpected shape,
 * or an error paymux does not know. Every other paymux error is a refusal that changed nothing.
 */
export function mayHaveTakenEffect(error: unknown): boolean {
  if (!PaymuxError.is(error)) return true;
  if (isCertainNonCreation(error)) return false;
  return (
    AmbiguousOutcomeError.is(error) ||
    NetworkError.is(error) ||
    ProviderUnavailableError.is(error) ||
    ProviderResponseError.is(error)
  );
}
