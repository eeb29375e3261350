import {
  addressFitsNetwork,
  assertAmountPrecision,
  type Money,
  type Payment,
  type PaymentProvider,
  ProviderResponseError,
  ValidationError,
} from '@paymux/core';

/** What an account must accept of one call's input, checked before any I/O. */
export interface InputDemands {
  /** Amounts and where they were given (`amount`, `payouts.2.amount`). */
  amounts?: readonly { field: string; money: Money }[];
  /** Assets the account must offer: a declared `payWith` or a payout destination. */
  assets?: readonly { field: string; symbol: string; network: string | undefined }[];
  /** Addresses on a declared network (a payout or refund destination). */
  addresses?: readonly { field: string; address: string; network: string }[];
}

/**
 * Refuses `providerOptions` keyed by anything but the provider type of a configured account: a
 * typo (`finarx`) would otherwise be ignored, and what the merchant meant would never be sent.
 *
 * @example
 * checkProviderOptionKeys({ finarx: {} }, ['finrax', 'forumpay'], 'createPayment'); // ValidationError
 */
export function checkProviderOptionKeys(
  providerOptions: Readonly<Record<string, unknown>> | undefined,
  configuredTypes: readonly string[],
  operation: string,
): void {
  if (providerOptions === undefined) return;
  for (const key of Object.keys(providerOptions)) {
    if (configuredTypes.includes(key)) continue;
    const known = configuredTypes.length > 0 ? configuredTypes.join(', ') : '(no accounts)';
    const field = `providerOptions.${key}`;
    const message = `is not the provider type of any configured account; known types: ${known}`;
    throw new ValidationError(`${operation}: ${field} ${message}`, {
      operation,
      field,
      issues: [{ path: field, message }],
    });
  }
}

/**
 * Checks one call's demands against one account, before any I/O: amounts within their currency's
 * decimals and the provider's declared limits (never rounded behind the merchant's back), each
 * declared asset among the assets the account lists (when it lists them), and each address in the
 * shape of its declared network. Throws the `ValidationError` of the first problem.
 *
 * @example
 * checkDemands(provider, 'main', 'createPayment', { amounts: [{ field: 'amount', money: input.amount }] });
 */
export function checkDemands(
  provider: PaymentProvider,
  account: string,
  operation: string,
  demands: InputDemands,
): void {
  for (const { field, money } of demands.amounts ?? []) {
    assertAmountPrecision(money, { field, operation, provider: account }, provider.capabilities.amounts);
  }
  const offered = provider.capabilities.assets;
  for (const asset of demands.assets ?? []) {
    if (offered === 'any' || asset.network === undefined) continue;
    const symbol = asset.symbol.toUpperCase();
    if (offered.some((item) => item.symbol.toUpperCase() === symbol && item.network === asset.network))
      continue;
    const networks = offered
      .filter((item) => item.symbol.toUpperCase() === symbol)
      .map((item) => item.network);
    refuse(
      operation,
      account,
      `${asset.field}.network`,
      networks.length > 0
        ? `"${asset.network}" is not a network on which account "${account}" (${provider.type}) takes ${symbol}; it offers ${networks.join(', ')}`
        : `account "${account}" (${provider.type}) does not list ${symbol} at all`,
    );
  }
  for (const { field, address, network } of demands.addresses ?? []) {
    if (addressFitsNetwork(address, network) === false) {
      refuse(operation, account, field, `"${address}" is not a ${network} address`);
    }
  }
}

function refuse(operation: string, account: string, field: string, message: string): never {
  throw new ValidationError(`${operation}: ${field} ${message}`, {
    provider: account,
    operation,
    field,
    issues: [{ path: field, message }],
  });
}

/** The demands of a destination: its asset offered, its address in its network's shape. */
export function destinationDemands(
  field: string,
  destination: { address: string; asset?: { symbol: string; network: string } | undefined } | undefined,
): Pick<InputDemands, 'assets' | 'addresses'> {
  if (destination?.asset === undefined) return {};
  const { asset, address } = destination;
  return {
    assets: [{ field: `${field}.asset`, symbol: asset.symbol, network: asset.network }],
    addresses: [{ field: `${field}.address`, address, network: asset.network }],
  };
}

/** A payment: its amount, and the asset it is to be paid in when the network is declared. */
export function paymentDemands(input: {
  amount: Money;
  payWith?: { symbol: string; network?: string | undefined } | undefined;
}): InputDemands {
  return {
    amounts: [{ field: 'amount', money: input.amount }],
    assets: input.payWith
      ? [{ field: 'payWith', symbol: input.payWith.symbol, network: input.payWith.network }]
      : [],
  };
}

/** A payout: its amount and its destination. */
export function payoutDemands(
  input: { amount: Money; destination: { address: string; asset: { symbol: string; network: string } } },
  field = '',
): InputDemands {
  return {
    amounts: [{ field: `${field}amount`, money: input.amount }],
    ...destinationDemands(`${field}destination`, input.destination),
  };
}

/** A refund: its amount when partial, and its destination when one is given with its asset. */
export function refundDemands(input: {
  amount?: Money | undefined;
  destination?: { address: string; asset?: { symbol: string; network: string } | undefined } | undefined;
}): InputDemands {
  return {
    amounts: input.amount ? [{ field: 'amount', money: input.amount }] : [],
    ...destinationDemands('destination', input.destination),
  };
}

/** A payout batch: each payout's amount and destination. */
export function payoutBatchDemands(input: {
  payouts: readonly {
    amount: Money;
    destination: { address: string; asset: { symbol: string; network: string } };
  }[];
}): InputDemands {
  const demands = input.payouts.map((payout, index) => payoutDemands(payout, `payouts.${index}.`));
  return {
    amounts: demands.flatMap((item) => item.amounts ?? []),
    assets: demands.flatMap((item) => item.assets ?? []),
    addresses: demands.flatMap((item) => item.addresses ?? []),
  };
}

/**
 * Refuses a created payment whose pay-in contradicts the network the merchant declared: another
 * network, or an address that is not of the declared network. Shown to a customer, it would send
 * their funds to the wrong chain. The payment exists at the provider (cancel it); a repeat of the
 * call returns it again and is refused again.
 *
 * @example
 * checkPayInLabel(payment, { symbol: 'USDT', network: 'tron' });
 */
export function checkPayInLabel(
  payment: Payment,
  payWith: { symbol: string; network?: string | undefined } | undefined,
): void {
  const declared = payWith?.network;
  const payIn = payment.payIn;
  if (declared === undefined || payIn === undefined) return;
  const problem =
    payIn.asset.network !== declared
      ? `is on ${payIn.asset.network}, not on the declared ${declared}`
      : addressFitsNetwork(payIn.address, declared) === false
        ? `has the address "${payIn.address}", which is not a ${declared} address`
        : undefined;
  if (problem === undefined) return;
  throw new ProviderResponseError(
    `createPayment: payment ${payment.id} from account "${payment.provider}" ${problem}; do not show it to the customer, cancel it`,
    { provider: payment.provider, operation: 'createPayment', reference: payment.reference, field: 'payIn' },
  );
}
