import {
  operationCall,
  type Balance,
  type CallOptions,
  type EstimatePayoutFeeInput,
  type PayoutFeeEstimate,
  redactDeep,
  ValidationError,
} from '@paymux/core';
import { assetOfDefexaCurrency } from './defexa-networks';
import type { DefexaOperationContext } from './defexa-operation-context';
import { payoutCurrency, resolveFromAddress } from './defexa-payouts';
import { defexaPayoutOptionsSchema, parseDefexaOptions } from './defexa-provider-options';

/** `getBalances`: one balance per wallet (`GET /api/v1/da/wallets`). */
export async function getDefexaBalances(
  context: DefexaOperationContext,
  options: CallOptions = {},
): Promise<Balance[]> {
  const { wallets } = await context.api.listWallets(operationCall('getBalances', options));
  return wallets.map(({ wallet }) => ({
    provider: context.account,
    asset: assetOfDefexaCurrency(wallet.currency),
    currency: wallet.currency,
    // `amount` is formatted for display ("10.00"); what may leave is `available_for_payout`.
    available: wallet.available_for_payout ?? wallet.unformatted_amount ?? wallet.amount ?? '0',
    ...(wallet.held !== undefined ? { pending: wallet.held } : {}),
    ...(wallet.address ? { address: wallet.address } : {}),
    raw: redactDeep(wallet, context.redact),
  }));
}

/** `estimatePayoutFee`: the `medium` network fee of `POST /api/v1/da/payouts/fee`. */
export async function estimateDefexaPayoutFee(
  context: DefexaOperationContext,
  input: EstimatePayoutFeeInput,
  options: CallOptions = {},
): Promise<PayoutFeeEstimate> {
  const where = { provider: context.account, operation: 'estimatePayoutFee' };
  const extra = parseDefexaOptions(defexaPayoutOptionsSchema, input, where);
  if (input.destination.asset === undefined) {
    throw new ValidationError('estimatePayoutFee: destination.asset is required', {
      ...where,
      field: 'destination.asset',
    });
  }
  const currency = payoutCurrency(
    { asset: input.destination.asset, memo: input.destination.memo },
    input.amount.currency,
    where,
    '',
  );
  if (!input.destination.address) {
    throw new ValidationError('defexa estimates a fee for one target address: give destination.address', {
      ...where,
      field: 'destination.address',
    });
  }
  const call = operationCall('estimatePayoutFee', options);
  const fromAddress = await resolveFromAddress(context, currency, extra.fromAddress, call);
  const answer = await context.api.estimatePayoutFee(
    {
      from_address: fromAddress,
      target_address: input.destination.address,
      amount: input.amount.amount,
      currency,
    },
    call,
  );
  return {
    provider: context.account,
    amount: { amount: input.amount.amount, currency },
    fee: { amount: answer.commission.medium.networkFee, currency },
    raw: redactDeep(answer, context.redact),
  };
}
