import {
  unclearWriteOutcome,
  type AddressValidation,
  type CallOptions,
  type CreatePayoutInput,
  type EstimatePayoutFeeInput,
  type ListInput,
  NotFoundError,
  type Page,
  type Payout,
  type PayoutFeeEstimate,
  ProviderRejectedError,
  parseInput,
  redactDeep,
  type ValidateAddressInput,
  ValidationError,
} from '@paymux/core';
import { z } from 'zod';
import type { FinraxCreateWithdrawalRequest, FinraxWithdrawal } from './finrax-api';
import { parseFinraxPayoutId } from './finrax-ids';
import { finraxPage, parseFinraxListCursor } from './finrax-list-page';
import { isFinraxDisplayCurrency } from './finrax-networks';
import { type FinraxOperationContext, finraxAsset } from './finrax-payments';
import { recallPendingWithdrawal, rememberPendingWithdrawal } from './finrax-pending-withdrawals';
import { toUnifiedPayout, toUnifiedPendingApprovalPayout } from './finrax-payout-mapper';
import {
  finraxNoOptionsSchema,
  finraxPayoutOptionsSchema,
  parseFinraxOptions,
} from './finrax-provider-options';

const idSchema = z.string().min(1, 'must not be empty').max(1024);

/** The Finrax payout operations: withdrawals, their metadata and address validation. */
export function createFinraxPayoutOperations({ settings, api, mapping, state }: FinraxOperationContext) {
  const account = mapping.account;
  const context = (operation: string) => ({ provider: account, operation });

  /** The withdrawal with this client id (and Finrax id, when known), or `undefined`. */
  async function findWithdrawal(
    clientWithdrawId: string,
    withdrawId: string | undefined,
    options?: CallOptions,
  ): Promise<FinraxWithdrawal | undefined> {
    const { data } = await api.listWithdrawals({ clientWithdrawId: [clientWithdrawId] }, options);
    const matches = data.withdrawals.filter((item) => item.clientWithdrawId === clientWithdrawId);
    return matches.find((item) => item.withdrawId === withdrawId) ?? matches[0];
  }

  async function createPayout(raw: CreatePayoutInput, options?: CallOptions): Promise<Payout> {
    const input = raw;
    const finrax = parseFinraxOptions(
      finraxPayoutOptionsSchema,
      input.providerOptions,
      context('createPayout'),
    );
    const asset = finraxAsset(
      input.destination.asset.symbol,
      input.destination.asset.network,
      { symbol: 'destination.asset.symbol', network: 'destination.asset.network' },
      account,
    );
    const amountCurrency = input.amount.currency.toUpperCase();
    const crypto = amountCurrency === asset.currency;
    if (!crypto && !isFinraxDisplayCurrency(amountCurrency)) {
      throw new ValidationError(
        `A Finrax withdrawal of ${asset.currency} is sized in ${asset.currency} or in a fiat currency, not "${input.amount.currency}"`,
        { provider: account, field: 'amount.currency' },
      );
    }
    // Finrax requires a display currency on every withdrawal; a crypto-sized one has none of its
    // own, and none is made up.
    const displayCurrency = crypto
      ? (finrax.displayCurrency ?? settings.defaultDisplayCurrency)
      : amountCurrency;
    if (displayCurrency === undefined || !isFinraxDisplayCurrency(displayCurrency)) {
      throw new ValidationError(
        displayCurrency === undefined
          ? `A Finrax withdrawal sized in ${asset.currency} needs a fiat display currency: set providerOptions.finrax.displayCurrency or the account's defaultDisplayCurrency`
          : `Finrax cannot display a withdrawal in "${displayCurrency}"`,
        { provider: account, field: 'providerOptions.finrax.displayCurrency' },
      );
    }
    const body: FinraxCreateWithdrawalRequest = {
      businessId: settings.businessId,
      clientWithdrawalId: input.reference,
      recipientAddress: input.destination.address,
      destinationTag: input.destination.memo,
      network: asset.network,
      withdrawCurrency: asset.currency,
      displayCurrency,
      targetAmountPolicy: crypto ? 'CRYPTO' : 'FIAT',
      targetAmount: input.amount.amount,
      withdrawalAccount: finrax.withdrawalAccount,
    };
    const destination = {
      asset: { symbol: asset.currency, network: input.destination.asset.network },
      address: input.destination.address,
      memo: input.destination.memo,
    };
    try {
      const { data } = await api.createWithdrawal(body, { ...options, reference: input.reference });
      if (data.kind === 'approval') {
        const requested = { reference: input.reference, amount: input.amount, destination };
        await rememberPendingWithdrawal(
          state,
          redactDeep(data.pending, mapping.redact),
          requested,
          mapping.now(),
        );
        return toUnifiedPendingApprovalPayout(data.pending, requested, mapping);
      }
      return toUnifiedPayout(data.withdrawal, mapping, destination);
    } catch (error) {
      // Never send a second withdrawal blind: look the client id up, else report the doubt.
      const unclear = unclearWriteOutcome(error, input.reference);
      if (!unclear) throw error;
      let found: FinraxWithdrawal | undefined;
      try {
        found = await findWithdrawal(input.reference, undefined);
      } catch {
        throw unclear;
      }
      if (!found) throw unclear;
      return toUnifiedPayout(found, mapping, destination);
    }
  }

  async function getPayout(id: string, options?: CallOptions): Promise<Payout> {
    const payoutId = parseInput(idSchema, id, context('getPayout'));
    const { clientWithdrawId, withdrawId } = parseFinraxPayoutId(payoutId, account);
    const withdrawal = await findWithdrawal(clientWithdrawId, withdrawId, options);
    if (withdrawal) return toUnifiedPayout(withdrawal, mapping);
    // Finrax may list a withdrawal only once it is approved; until then, what this account asked
    // for (kept from the 202 answer) describes it.
    const pending = await recallPendingWithdrawal(state, clientWithdrawId);
    if (pending && pending.withdrawalId === withdrawId) {
      return toUnifiedPendingApprovalPayout(pending.answer, pending, mapping);
    }
    throw new NotFoundError(`Finrax lists no withdrawal "${clientWithdrawId}"`, {
      provider: account,
      operation: 'getPayout',
    });
  }

  async function listPayouts(raw: ListInput = {}, options?: CallOptions): Promise<Page<Payout>> {
    const input = raw;
    parseFinraxOptions(finraxNoOptionsSchema, input.providerOptions, context('listPayouts'));
    const offset = parseFinraxListCursor(input.cursor, 'listPayouts', account);
    const { data } = await api.listWithdrawals(
      { clientWithdrawId: input.reference === undefined ? undefined : [input.reference] },
      options,
    );
    const payouts = data.withdrawals.map((withdrawal) => toUnifiedPayout(withdrawal, mapping));
    return finraxPage(payouts, offset, input.limit);
  }

  async function estimatePayoutFee(
    raw: EstimatePayoutFeeInput,
    options?: CallOptions,
  ): Promise<PayoutFeeEstimate> {
    const input = raw;
    parseFinraxOptions(finraxNoOptionsSchema, input.providerOptions, context('estimatePayoutFee'));
    const asset = finraxAsset(
      input.destination.asset.symbol,
      input.destination.asset.network,
      { symbol: 'destination.asset.symbol', network: 'destination.asset.network' },
      account,
    );
    const { data } = await api.getWithdrawalMetadata(options);
    const entry = asset.network ? data[asset.currency]?.[asset.network] : undefined;
    if (!entry) {
      throw new ValidationError(
        `Finrax's withdrawal metadata has no ${asset.currency} on ${input.destination.asset.network}`,
        { provider: account, field: 'destination.asset' },
      );
    }
    if (entry.available === false) {
      throw new ProviderRejectedError(
        `Finrax withdrawals of ${asset.currency} on ${asset.network} are unavailable now`,
        { provider: account, operation: 'estimatePayoutFee', providerCode: 'UNAVAILABLE' },
      );
    }
    return {
      provider: account,
      amount: input.amount,
      fee: { amount: entry.fee, currency: asset.currency },
      minAmount: entry.minAmount ?? undefined,
      maxAmount: entry.maxAmount ?? undefined,
      raw: redactDeep(entry, mapping.redact),
    };
  }

  async function validateAddress(
    raw: ValidateAddressInput,
    options?: CallOptions,
  ): Promise<AddressValidation> {
    const input = raw;
    const asset = finraxAsset(
      input.asset.symbol,
      input.asset.network,
      { symbol: 'asset.symbol', network: 'asset.network' },
      account,
    );
    if (asset.network === undefined) {
      throw new ValidationError('validateAddress needs asset.network', {
        provider: account,
        field: 'asset.network',
      });
    }
    // Finrax's check takes the address alone: a memo (destination tag) is not part of it.
    const { data } = await api.validateAddress(
      { currency: asset.currency, network: asset.network, address: input.address },
      options,
    );
    return {
      valid: data.valid,
      supported: data.supported,
      asset: { symbol: asset.currency, network: input.asset.network },
      address: input.address,
    };
  }

  return { createPayout, getPayout, listPayouts, estimatePayoutFee, validateAddress, findWithdrawal };
}
