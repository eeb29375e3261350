import {
  unclearWriteOutcome,
  operationCall,
  type CallOptions,
  type CreatePayoutInput,
  type ListInput,
  NotFoundError,
  type Page,
  type Payout,
  ValidationError,
} from '@paymux/core';
import type { DefexaFeedRecord } from './defexa-api';
import { decodeDefexaPayoutId } from './defexa-ids';
import { type DefexaCurrency, defexaCurrencyOf } from './defexa-networks';
import type { DefexaOperationContext } from './defexa-operation-context';
import { payoutFromCreation, payoutFromRecord } from './defexa-payout-mapper';
import {
  defexaListPayoutsOptionsSchema,
  defexaPayoutOptionsSchema,
  parseDefexaOptions,
} from './defexa-provider-options';

type Where = { provider: string; operation: string };

/**
 * The Defexa currency of a payout destination; the amount must be in that crypto currency (Defexa
 * pays out what it holds, without conversion) and a memo cannot be carried.
 */
export function payoutCurrency(
  destination: { asset: { symbol: string; network: string }; memo?: string | undefined },
  amountCurrency: string,
  where: Where,
  field: string,
): DefexaCurrency {
  const currency = defexaCurrencyOf(
    destination.asset,
    `${field}.destination.asset`.replace(/^\./, ''),
    where.provider,
  );
  const symbol = amountCurrency.toUpperCase();
  if (symbol !== currency && symbol !== destination.asset.symbol.toUpperCase()) {
    throw new ValidationError(`defexa pays out in the destination's currency (${currency})`, {
      ...where,
      field: `${field}.amount.currency`.replace(/^\./, ''),
    });
  }
  if (destination.memo !== undefined) {
    throw new ValidationError('defexa payouts cannot carry a memo or destination tag', {
      ...where,
      field: `${field}.destination.memo`.replace(/^\./, ''),
    });
  }
  return currency;
}

/**
 * The merchant wallet address a payout leaves from: the call's option, the settings, or the only
 * (or main) wallet Defexa holds in the currency.
 */
export async function resolveFromAddress(
  context: DefexaOperationContext,
  currency: DefexaCurrency,
  given: string | undefined,
  call: CallOptions & { operation: string },
): Promise<string> {
  const configured = given ?? context.settings.payoutFromAddresses?.[currency];
  if (configured) return configured;
  const { wallets } = await context.api.listWallets(call);
  const candidates = wallets
    .map((entry) => entry.wallet)
    .filter((wallet) => wallet.currency.toUpperCase() === currency && wallet.address);
  const chosen =
    candidates.length === 1
      ? candidates[0]
      : candidates.find((wallet) => wallet.main === true || wallet.main === 1);
  if (!chosen?.address) {
    throw new ValidationError(
      candidates.length === 0
        ? `defexa holds no ${currency} wallet to pay out from`
        : `defexa holds several ${currency} wallets: set providerOptions.defexa.fromAddress or payoutFromAddresses.${currency}`,
      { provider: context.account, operation: call.operation, field: 'providerOptions.defexa.fromAddress' },
    );
  }
  return chosen.address;
}

/** `createPayout`: `POST /api/v1/da/payouts` with the reference as `order_number`. */
export async function createDefexaPayout(
  context: DefexaOperationContext,
  input: CreatePayoutInput,
  options: CallOptions = {},
): Promise<Payout> {
  const where = { provider: context.account, operation: 'createPayout' };
  const extra = parseDefexaOptions(defexaPayoutOptionsSchema, input, where);
  const currency = payoutCurrency(input.destination, input.amount.currency, where, '');
  const call = operationCall('createPayout', options, { reference: input.reference });
  const fromAddress = await resolveFromAddress(context, currency, extra.fromAddress, call);
  const callbackUrl = extra.callbackUrl ?? context.settings.callbackUrl;
  try {
    const answer = await context.api.createPayout(
      {
        from_address: fromAddress,
        target_address: input.destination.address,
        amount: input.amount.amount,
        currency,
        order_number: input.reference,
        ...(callbackUrl ? { callback_url: callbackUrl } : {}),
      },
      call,
    );
    return payoutFromCreation(
      answer,
      {
        reference: input.reference,
        amount: input.amount.amount,
        currency,
        targetAddress: input.destination.address,
      },
      context,
    );
  } catch (error) {
    const unclear = unclearWriteOutcome(error, input.reference);
    if (!unclear) throw error;
    // The request may have been carried out: the order number says whether it was.
    const found = await findPayoutByOrderNumber(context, input.reference, undefined, call).catch(
      () => undefined,
    );
    if (found) return payoutFromRecord(found, { targetAddress: input.destination.address }, context);
    throw unclear;
  }
}

/** The single payout with this order number (and token, when known), or `undefined`. */
async function findPayoutByOrderNumber(
  context: DefexaOperationContext,
  orderNumber: string,
  token: string | undefined,
  call: CallOptions & { operation: string },
): Promise<DefexaFeedRecord | undefined> {
  const { payouts } = await context.api.listPayouts({ type: 'single', order_number: orderNumber }, call);
  const matching = payouts.filter((payout) => payout.order_number === orderNumber);
  return (token ? matching.find((payout) => payout.api_payment_token === token) : undefined) ?? matching[0];
}

/** Reads a payout back: by feed id, by order number, or as a line of its mass payout. */
export async function getDefexaPayout(
  context: DefexaOperationContext,
  id: string,
  options: CallOptions = {},
): Promise<Payout> {
  const key = decodeDefexaPayoutId(id, context.account);
  const call = operationCall('getPayout', options);
  let record: DefexaFeedRecord | undefined;
  if (key.payoutId !== undefined) {
    record = (await context.api.getPayout(key.payoutId, call)).feed[0];
  } else if (key.batchOrderNumber !== undefined) {
    const { payouts } = await context.api.listMassPayoutTransactions(key.batchOrderNumber, call);
    const line = key.line === undefined ? undefined : Number(key.line);
    record =
      payouts.find((payout) => payout.description === key.reference) ??
      (line !== undefined ? payouts[line] : undefined);
  } else {
    record = await findPayoutByOrderNumber(context, key.reference, key.token, call);
  }
  if (!record) {
    throw new NotFoundError(`defexa has no payout ${key.reference}`, {
      provider: context.account,
      operation: 'getPayout',
      reference: key.reference,
    });
  }
  return payoutFromRecord(
    record,
    {
      reference: key.batchOrderNumber !== undefined ? key.reference : undefined,
      token: key.token,
      batchOrderNumber: key.batchOrderNumber,
      line: key.line,
    },
    context,
  );
}

/** `listPayouts`: single (default) or mass payouts, optionally by order number (the reference). */
export async function listDefexaPayouts(
  context: DefexaOperationContext,
  input: ListInput = {},
  options: CallOptions = {},
): Promise<Page<Payout>> {
  const where = { provider: context.account, operation: 'listPayouts' };
  const extra = parseDefexaOptions(defexaListPayoutsOptionsSchema, input, where);
  if (input.cursor !== undefined) {
    throw new ValidationError('defexa lists have no pages: cursor is not supported', {
      ...where,
      field: 'cursor',
    });
  }
  const { payouts } = await context.api.listPayouts(
    { type: extra.type ?? 'single', ...(input.reference ? { order_number: input.reference } : {}) },
    operationCall('listPayouts', options),
  );
  return {
    items: payouts
      .slice(0, input.limit ?? payouts.length)
      .map((payout) => payoutFromRecord(payout, {}, context)),
  };
}
