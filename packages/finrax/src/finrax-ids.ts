import { decodeCompositeId, encodeCompositeId, ValidationError } from '@paymux/core';

const REFUND_PREFIX = 'frxrefund';
const PAYOUT_PREFIX = 'frxpayout';

/**
 * Id of a refund: Finrax refunds belong to one deposit of one payment, so the id carries both.
 *
 * @example
 * finraxRefundId('2fcd3399-…', '38d5decb-…') // 'frxrefund_eyJwIjoi…'
 */
export function finraxRefundId(paymentId: string, depositId: string): string {
  return encodeCompositeId(REFUND_PREFIX, { p: paymentId, d: depositId });
}

/** Reads a refund id made by `finraxRefundId`; throws a `ValidationError` for anything else. */
export function parseFinraxRefundId(id: string, account?: string): { paymentId: string; depositId: string } {
  const parts = decodeCompositeId(REFUND_PREFIX, id, account);
  if (!parts.p || !parts.d) throw new ValidationError(`"${id}" is not a Finrax refund id`, { field: 'id' });
  return { paymentId: parts.p, depositId: parts.d };
}

/**
 * Id of a payout: Finrax finds a withdrawal by the merchant's client id, and its own id tells two
 * withdrawals apart and reaches the approval endpoint, so the id carries both.
 *
 * @example
 * finraxPayoutId('payout-42', 'b4c16bbc-…') // 'frxpayout_eyJjIjoi…'
 */
export function finraxPayoutId(clientWithdrawId: string, withdrawId: string): string {
  return encodeCompositeId(PAYOUT_PREFIX, { c: clientWithdrawId, w: withdrawId });
}

/** Reads a payout id made by `finraxPayoutId`; throws a `ValidationError` for anything else. */
export function parseFinraxPayoutId(
  id: string,
  account?: string,
): { clientWithdrawId: string; withdrawId: string } {
  const parts = decodeCompositeId(PAYOUT_PREFIX, id, account);
  if (!parts.c || !parts.w) throw new ValidationError(`"${id}" is not a Finrax payout id`, { field: 'id' });
  return { clientWithdrawId: parts.c, withdrawId: parts.w };
}
