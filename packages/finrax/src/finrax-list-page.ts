import { type Page, ValidationError } from '@paymux/core';

const DEFAULT_LIMIT = 25;
const CURSOR = /^(0|[1-9]\d{0,8})$/;

/**
 * One page of a Finrax list answer. Finrax's list endpoints document no paging parameters (the
 * payments list takes `clientPaymentId`, the withdrawals list `businessId` and
 * `clientWithdrawId[]`), so none is sent: the adapter pages over the one answer it gets, and the
 * cursor is the offset of the next item in it. A cursor it did not make is a `ValidationError`,
 * before any request when checked with `parseFinraxListCursor`.
 *
 * @example
 * const offset = parseFinraxListCursor(input.cursor, 'listPayments', account);
 * const { data } = await api.listPayments({ clientPaymentId: input.reference });
 * return finraxPage(data.payments.map(toPayment), offset, input.limit);
 */
export function finraxPage<T>(items: readonly T[], offset: number, limit: number | undefined): Page<T> {
  const size = limit ?? DEFAULT_LIMIT;
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { items: page, nextCursor: String(next) } : { items: page };
}

/** The offset a cursor of `finraxPage` stands for (0 without one). */
export function parseFinraxListCursor(
  cursor: string | undefined,
  operation: string,
  account: string,
): number {
  if (cursor === undefined) return 0;
  if (!CURSOR.test(cursor)) {
    throw new ValidationError(`${operation}: cursor is not one this adapter returned`, {
      provider: account,
      field: 'cursor',
    });
  }
  return Number(cursor);
}
