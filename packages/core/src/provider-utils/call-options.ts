import type { RequestSpec } from '../http/http-client';
import type { CallOptions } from '../provider/payment-provider';

/**
 * The options of one call of an adapter's low-level client: the caller's `CallOptions` as they
 * came (signal, timeout, priority, and whatever is added to them later), plus the operation
 * running and the merchant reference concerned. One type from the unified call to the HTTP
 * client, so an adapter never copies the options field by field and drops one.
 */
export interface ProviderCallOptions extends CallOptions {
  /** The unified (or endpoint) operation running, for errors and logs. */
  operation?: string;
  /** The merchant reference, carried by an `AmbiguousOutcomeError` for reconciliation. */
  reference?: string;
}

/**
 * The low-level call options of an operation, from the unified call's options, whole.
 *
 * @example
 * const call = operationCall('getPayment', options);
 * await api.getInvoice(id, call);
 */
export function operationCall(
  operation: string,
  options: CallOptions | undefined,
  extra: { reference?: string | undefined } = {},
): ProviderCallOptions & { operation: string } {
  return {
    ...options,
    operation,
    ...(extra.reference !== undefined ? { reference: extra.reference } : {}),
  };
}

/** The fields of a request that the call decides (everything `RequestSpec` takes from a call). */
export type RequestCallFields = Pick<RequestSpec<never>, 'signal' | 'timeoutMs' | 'priority' | 'reference'>;

/**
 * What a request takes from the call options: the one place that maps call options onto an HTTP
 * request, so `priority` reaches the rate limiter on every adapter.
 *
 * @example
 * http.request({ operation: 'getPayment', method: 'GET', path, schema, ...requestCallFields(call) });
 */
export function requestCallFields(call: ProviderCallOptions | undefined): RequestCallFields {
  const fields: RequestCallFields = {};
  if (call?.signal !== undefined) fields.signal = call.signal;
  if (call?.timeoutMs !== undefined) fields.timeoutMs = call.timeoutMs;
  if (call?.priority !== undefined) fields.priority = call.priority;
  if (call?.reference !== undefined) fields.reference = call.reference;
  return fields;
}
