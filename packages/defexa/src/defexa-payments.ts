import {
  operationCall,
  type CallOptions,
  type CreatePaymentInput,
  type Payment,
  ValidationError,
} from '@paymux/core';
import { defexaCurrencyOf } from './defexa-networks';
import type { DefexaOperationContext } from './defexa-operation-context';
import { paymentWithoutRecord } from './defexa-payment-mapper';
import { defexaCreatePaymentOptionsSchema, parseDefexaOptions } from './defexa-provider-options';

export { getDefexaPayment, listDefexaPayments } from './defexa-payment-reads';

/** `createPayment`: a widget charge (`hosted`) or a customer's static address (`deposit_address`). */
export async function createDefexaPayment(
  context: DefexaOperationContext,
  input: CreatePaymentInput,
  options: CallOptions = {},
): Promise<Payment> {
  const where = { provider: context.account, operation: 'createPayment' };
  const extra = parseDefexaOptions(defexaCreatePaymentOptionsSchema, input, where);
  // Neither the widget charge nor a static address takes an expiry or a description (only DA
  // invoices do, and their answer names no invoice to confirm callbacks by): refused, not dropped.
  for (const field of ['expiresInMinutes', 'description'] as const) {
    if (input[field] !== undefined) {
      throw new ValidationError(`defexa charges and deposit addresses take no ${field}`, { ...where, field });
    }
  }
  const customerUid = extra.customerUid ?? input.customer?.id;
  const flow = input.flow ?? (customerUid !== undefined ? 'deposit_address' : 'hosted');
  const callbackUrl = input.webhookUrl ?? context.settings.callbackUrl;
  const call = operationCall('createPayment', options, { reference: input.reference });

  if (flow === 'deposit_address') {
    const currency = input.payWith
      ? defexaCurrencyOf(input.payWith, 'payWith', context.account)
      : defexaCurrencyOf({ symbol: input.amount.currency }, 'amount.currency', context.account);
    const uid = customerUid ?? input.reference;
    const answer = await context.api.createHostToHostPayment(
      { currency, ...(callbackUrl ? { callbackUrl } : {}), customer: { uid } },
      call,
    );
    const amountCurrency =
      input.amount.currency.toUpperCase() === currency ? undefined : input.amount.currency;
    const key = {
      kind: 'deposit',
      reference: input.reference,
      currency: answer.currency,
      address: answer.customer.address,
    } as const;
    // Defexa keeps no asked amount for a static address: the account state does.
    const known = await context.memory.deposit(key.address);
    await context.memory.saveDeposit(key.address, {
      ...(known?.orderNumber ? { orderNumber: known.orderNumber } : {}),
      ...(known?.token ? { token: known.token } : {}),
      uid: answer.customer.uid,
      currency: answer.currency,
      amount: input.amount.amount,
      ...(amountCurrency ? { amountCurrency } : {}),
    });
    return paymentWithoutRecord(
      { ...key, amount: input.amount.amount, amountCurrency },
      { raw: answer },
      context,
    );
  }
  if (flow !== 'hosted') {
    throw new ValidationError(`defexa does not offer the ${flow} flow (hosted, deposit_address)`, {
      ...where,
      field: 'flow',
    });
  }
  // A charge is priced in the crypto currency it collects.
  const currency = defexaCurrencyOf(
    { symbol: input.amount.currency, network: input.payWith?.network },
    'amount.currency',
    context.account,
  );
  if (input.payWith && defexaCurrencyOf(input.payWith, 'payWith', context.account) !== currency) {
    throw new ValidationError(
      'defexa charges are priced in the currency paid: payWith must match amount.currency',
      {
        ...where,
        field: 'payWith',
      },
    );
  }
  if (!callbackUrl) {
    throw new ValidationError('defexa charges need a callback URL: give webhookUrl or set callbackUrl', {
      ...where,
      field: 'webhookUrl',
    });
  }
  if (!input.returnUrl) {
    throw new ValidationError('defexa charges need a redirect URL: give returnUrl', {
      ...where,
      field: 'returnUrl',
    });
  }
  if (extra.autoexchange && !extra.exchangeCurrency) {
    throw new ValidationError('autoexchange needs exchangeCurrency', {
      ...where,
      field: 'providerOptions.defexa.exchangeCurrency',
    });
  }
  const logoUrl = extra.logoUrl ?? context.settings.logoUrl;
  const answer = await context.api.createCharge(
    {
      amount: input.amount.amount,
      currency,
      callback_url: callbackUrl,
      redirect_fail_url: input.cancelUrl ?? input.returnUrl,
      redirect_success_url: input.returnUrl,
      ...(logoUrl ? { logo_url: logoUrl } : {}),
      ...(extra.payFeeForClient !== undefined ? { pay_fee_for_client: extra.payFeeForClient } : {}),
      shop_order_id: input.reference,
      ...(extra.autoexchange !== undefined ? { autoexchange: extra.autoexchange } : {}),
      ...(extra.exchangeCurrency ? { exchange_currency: extra.exchangeCurrency } : {}),
    },
    call,
  );
  // The seed's answer names no invoice; Defexa's order number and token are kept when the answer
  // (or its redirect URL) carries them, else learnt from the first confirmed callback. The charge
  // is known by its shop_order_id meanwhile: Defexa's order number need not be the same.
  const orderNumber = answer.order_number ?? queryParameter(answer.redirect_url, 'order_number');
  const token = answer.token ?? queryParameter(answer.redirect_url, 'token');
  const owner = { kind: 'charge', shopOrderId: input.reference } as const;
  await context.memory.saveCharge(input.reference, {
    currency,
    amount: input.amount.amount,
    ...(orderNumber ? { orderNumber } : {}),
    ...(token ? { token } : {}),
  });
  await context.memory.bind('order', orderNumber, owner);
  await context.memory.bind('token', token, owner);
  return paymentWithoutRecord(
    {
      kind: 'charge',
      reference: input.reference,
      currency,
      amount: input.amount.amount,
      shopOrderId: input.reference,
    },
    { checkoutUrl: answer.redirect_url, raw: answer },
    context,
  );
}

/** A query parameter of a URL, or `undefined` (also for a URL that does not parse). */
function queryParameter(url: string, name: string): string | undefined {
  try {
    return new URL(url).searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}
