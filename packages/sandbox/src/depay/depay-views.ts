import type { JsonOut } from '../core/json-value';
import type { DepayPayment } from './depay-model';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A payment as the API returns it and as the callback body carries it, in the tracking's form:
 * the seed's (`uuid`, `nonce`/`after_block` as JSON numbers) or the later one (`secret_id`,
 * strings).
 */
export function depayPaymentView(payment: DepayPayment): JsonOut {
  const later = payment.form === 'later';
  return {
    status: payment.status,
    failed_reason: payment.failedReason,
    blockchain: payment.blockchain,
    transaction: payment.transaction,
    sender: payment.sender,
    nonce: later ? payment.nonce.text : payment.nonce,
    receiver: payment.receiver,
    token: payment.token,
    confirmations: payment.confirmations,
    after_block: later ? payment.afterBlock.text : payment.afterBlock,
    amount: payment.amount,
    fee_amount: payment.feeAmount ?? undefined,
    fee_receiver: payment.feeReceiver ?? undefined,
    payload: payment.payload,
    ...(later ? { secret_id: payment.uuid } : { uuid: payment.uuid }),
    callback: payment.callback,
    release: payment.release,
    forward_to: payment.forwardTo,
    confirmed_at: iso(payment.confirmedAt),
    created_at: iso(payment.createdAt),
    updated_at: iso(payment.updatedAt),
  };
}
