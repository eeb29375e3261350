import {
  type CallOptions,
  decimal,
  parseProviderOptions,
  type ProviderOperations,
  type Refund,
  ValidationError,
} from '@paymux/core';
import { rawText, resolveRefundAmount } from './forumpay-amounts';
import { forumpayOptionsSchemas } from './forumpay-options';
import { decodeForumpayPaymentId } from './forumpay-payment-id';
import { findForumpayTransaction } from './forumpay-payment-search';
import { callOptionsOf, checkForumpayPayment, type ForumpayOperationsContext } from './forumpay-payments';
import {
  carriesForumpayRefundFields,
  decodeForumpayRefundId,
  encodeForumpayRefundId,
  refundFromForumpay,
} from './forumpay-refund-mapper';
import { FORUMPAY_TYPE } from './forumpay-settings';

/** The refund operations (RefundPayment, and refunds read back from CheckPayment). */
export type ForumpayRefundOperations = Pick<ProviderOperations, 'createRefund' | 'getRefund'>;

/**
 * Builds the unified refund operations of one ForumPay account.
 *
 * @example
 * const refunds = createForumpayRefundOperations({ api, account, currencies, memory, now: () => new Date() });
 */
export function createForumpayRefundOperations(context: ForumpayOperationsContext): ForumpayRefundOperations {
  const { api, account } = context;
  const where = (operation: string) => ({ provider: account, operation });
  const checkPayment = (lookup: Parameters<typeof checkForumpayPayment>[1], options?: CallOptions) =>
    checkForumpayPayment(api, lookup, options);

  return {
    async createRefund(rawInput, options): Promise<Refund> {
      const input = rawInput;
      parseProviderOptions(
        'forumpay',
        forumpayOptionsSchemas.createRefund,
        input.providerOptions,
        where('createRefund'),
      );
      const lookup = decodeForumpayPaymentId(input.paymentId, account, 'paymentId');
      const addressOut = input.destination?.address;
      if (addressOut === undefined) {
        throw new ValidationError('createRefund: destination.address is required by ForumPay', {
          ...where('createRefund'),
          field: 'destination.address',
        });
      }
      if (
        input.amount !== undefined &&
        input.amount.currency.toUpperCase() !== lookup.currency.toUpperCase()
      ) {
        throw new ValidationError(`createRefund: a ForumPay refund is paid in ${lookup.currency}`, {
          ...where('createRefund'),
          field: 'amount.currency',
        });
      }
      // RefundPayment's amount must match the open refund amount: read it first.
      const check = await checkPayment(lookup, options);
      const opened = check.data.refund_amount_opened;
      const refundAmount = resolveRefundAmount(
        input.amount?.amount,
        opened,
        rawText(check.raw, 'refund_amount_opened'),
      );
      if (refundAmount === undefined) {
        throw new ValidationError(
          'createRefund: amount is required (ForumPay reports no open refund amount)',
          {
            ...where('createRefund'),
            field: 'amount',
          },
        );
      }
      if (refundAmount === null) {
        throw new ValidationError(`createRefund: amount must equal the open refund amount ${opened}`, {
          ...where('createRefund'),
          field: 'amount.amount',
        });
      }
      const { raw } = await api.refundPayment(
        {
          payment_id: lookup.paymentId,
          currency: lookup.currency,
          address_out: addressOut,
          refund_amount: refundAmount,
        },
        callOptionsOf(options, input.reference),
      );
      const now = context.now().toISOString();
      const id = encodeForumpayRefundId({
        ...lookup,
        addressOut,
        amount: decimal.normalize(refundAmount),
      });
      await context.memory.rememberRefund(lookup, {
        id,
        addressOut,
        amount: decimal.normalize(refundAmount),
      });
      return {
        id,
        provider: account,
        providerType: FORUMPAY_TYPE,
        providerRefundId: lookup.paymentId,
        paymentId: input.paymentId,
        reference: input.reference,
        status: 'pending',
        rawStatus: 'requested',
        amount: { amount: decimal.normalize(refundAmount), currency: lookup.currency },
        destination: { address: addressOut, asset: context.currencies.assetOf(lookup.currency) },
        createdAt: now,
        updatedAt: now,
        raw,
      };
    },

    async getRefund(id, options): Promise<Refund> {
      if (typeof id !== 'string' || id === '') {
        throw new ValidationError('getRefund: id is required', { ...where('getRefund'), field: 'id' });
      }
      const lookup = decodeForumpayRefundId(id, account);
      const check = await checkPayment(lookup, options);
      const fields = carriesForumpayRefundFields(check.raw)
        ? check.data
        : await findForumpayTransaction(api, lookup.paymentId, { callOptions: () => callOptionsOf(options) });
      const remembered = await context.memory.recall(lookup.paymentId).catch(() => undefined);
      return refundFromForumpay(fields ?? {}, lookup, check.raw, { ...context, remembered });
    },
  };
}
