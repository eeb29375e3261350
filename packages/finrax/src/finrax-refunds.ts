import { type CallOptions, NotFoundError, parseInput, type Refund } from '@paymux/core';
import { parseFinraxRefundId } from './finrax-ids';
import { toUnifiedRefunds } from './finrax-payment-mapper';
import { type FinraxOperationContext, finraxIdSchema } from './finrax-payments';

/**
 * The refund operations of one Finrax account. Finrax refunds a deposit on its own (no API
 * creates one): a refund is read from the payment that lists it.
 *
 * @example
 * const { getRefund } = createFinraxRefundOperations(context);
 */
export function createFinraxRefundOperations({ api, mapping }: FinraxOperationContext) {
  const account = mapping.account;

  async function getRefund(id: string, options?: CallOptions): Promise<Refund> {
    const refundId = parseInput(finraxIdSchema, id, { provider: account, operation: 'getRefund' });
    const { paymentId, depositId } = parseFinraxRefundId(refundId, account);
    const { data } = await api.getPayment(paymentId, options);
    const refund = toUnifiedRefunds(data, mapping).find((item) => item.providerRefundId === depositId);
    if (!refund) {
      throw new NotFoundError(`Finrax payment ${paymentId} has no refund of deposit ${depositId}`, {
        provider: account,
        operation: 'getRefund',
      });
    }
    return refund;
  }

  return { getRefund };
}
