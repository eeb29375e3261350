import { providerDecimalSchema } from '@paymux/core';
import { z } from 'zod';

// Wire shapes of the Finrax API. Responses are lenient (`z.looseObject`: unknown fields pass
// through, `null` is accepted wherever a field is optional) and every amount goes through
// `providerDecimalSchema`, so a JSON number becomes an exact decimal string.

const optionalText = z.string().nullish();
const optionalAmount = providerDecimalSchema.nullish();
/** Unix time: seconds in most places, milliseconds in a few; numbers or numeric strings. */
const unixTime = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** Payment statuses (`DetailedPaymentResponse.status`). */
export const finraxPaymentStatuses = [
  'NEW',
  'PENDING',
  'AWAITING',
  'DEPOSITED',
  'EXPIRED',
  'BLOCKED',
  'OVERPAID',
] as const;
export type FinraxPaymentStatus = (typeof finraxPaymentStatuses)[number];

/** Withdrawal statuses. */
export const finraxWithdrawalStatuses = ['NEW', 'PENDING', 'COMPLETED', 'FAILED', 'BLOCKED'] as const;
export type FinraxWithdrawalStatus = (typeof finraxWithdrawalStatuses)[number];

/** Statuses of a withdrawal's approval. */
export const finraxApprovalStatuses = ['PENDING', 'APPROVED', 'REJECTED', 'SKIPPED'] as const;
export type FinraxApprovalStatus = (typeof finraxApprovalStatuses)[number];

/** Statuses of a deposit's refund. */
export const finraxRefundStatuses = ['PENDING', 'CONFIRMED', 'NON_REFUNDABLE'] as const;
export type FinraxRefundStatus = (typeof finraxRefundStatuses)[number];

/** The refund of (part of) one deposit: the excess of an overpayment, or a follow-up deposit. */
export const finraxRefundSchema = z.looseObject({
  type: optionalText,
  status: z.string(),
  reason: optionalText,
  amount: optionalAmount,
  fee: optionalAmount,
  transactionId: optionalText,
});
export type FinraxRefund = z.output<typeof finraxRefundSchema>;

/** One deposit into a payment's wallet address (`DetailedDepositResponse`). */
export const finraxDepositSchema = z.looseObject({
  id: z.string(),
  depositAmount: providerDecimalSchema,
  depositCurrency: z.string(),
  depositReceivedAt: unixTime.nullish(),
  displayAmount: optionalAmount,
  displayCurrency: optionalText,
  fromAddress: optionalText,
  toAddress: optionalText,
  transactionId: optionalText,
  onChainFee: optionalAmount,
  refund: finraxRefundSchema.nullish(),
});
export type FinraxDeposit = z.output<typeof finraxDepositSchema>;

/** A payment (`DetailedPaymentResponse`). */
export const finraxPaymentSchema = z.looseObject({
  paymentId: z.string().min(1),
  clientPaymentId: z.string(),
  businessId: optionalText,
  locale: optionalText,
  status: z.string(),
  rateType: optionalText,
  type: optionalText,
  url: optionalText,
  overpaymentPolicy: optionalText,
  refundFollowUpDepositsForOneTimePayments: z.boolean().nullish(),
  processorType: optionalText,
  walletAddress: optionalText,
  destinationTag: z.union([z.string(), z.number().transform(String)]).nullish(),
  displayCurrency: optionalText,
  expectedDisplayAmount: optionalAmount,
  actualDisplayAmount: optionalAmount,
  depositCurrency: optionalText,
  expectedNetwork: optionalText,
  expectedDepositAmount: optionalAmount,
  actualDepositAmount: optionalAmount,
  expectedUniformAmount: optionalAmount,
  actualUniformAmount: optionalAmount,
  redirectUrl: optionalText,
  expirationMinutes: z.number().int().nonnegative().nullish(),
  paymentInitiatedAt: unixTime.nullish(),
  paymentRequestedAt: unixTime.nullish(),
  deposits: z.array(finraxDepositSchema).nullish(),
});
export type FinraxPayment = z.output<typeof finraxPaymentSchema>;

/**
 * A payment as `GET /payments/{id}` (unwrapped) or the seed's `PATCH` (wrapped in `paymentInfo`)
 * return it: both forms are accepted.
 */
export const finraxPaymentEnvelopeSchema = z.preprocess(
  // Unwrapped before parsing rather than a union of both forms: a union tries the wrapped form
  // first, fails on every plain GET answer and builds its issues, which tripled the parse time.
  (body) =>
    body !== null && typeof body === 'object' && isObject((body as { paymentInfo?: unknown }).paymentInfo)
      ? (body as { paymentInfo: unknown }).paymentInfo
      : body,
  finraxPaymentSchema,
);

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `POST /payments` answer: the payment and its hosted page. */
export const finraxCreatePaymentResponseSchema = z.looseObject({
  paymentInfo: finraxPaymentSchema,
  paymentUrl: optionalText,
});
export type FinraxCreatePaymentResponse = z.output<typeof finraxCreatePaymentResponseSchema>;

/**
 * `GET /businesses/{businessId}/payments` answer: `{payments: [...]}` as documented; a bare array
 * is accepted too.
 */
export const finraxPaymentListSchema = z.union([
  z.looseObject({
    payments: z
      .array(finraxPaymentSchema)
      .nullish()
      .transform((payments) => payments ?? []),
  }),
  z.array(finraxPaymentSchema).transform((payments) => ({ payments })),
]);

/** A withdrawal as `POST /withdrawals` (201) and `GET /withdrawals` return it. */
export const finraxWithdrawalSchema = z.looseObject({
  withdrawId: z.string().min(1),
  clientWithdrawId: z.string(),
  recipientAddress: optionalText,
  destinationTag: z.union([z.string(), z.number().transform(String)]).nullish(),
  network: optionalText,
  transactionId: optionalText,
  status: z.string(),
  displayCurrency: optionalText,
  withdrawCurrency: z.string(),
  settlementCurrency: optionalText,
  estimatedDisplayAmount: optionalAmount,
  estimatedWithdrawAmount: optionalAmount,
  actualDisplayAmount: optionalAmount,
  actualWithdrawAmount: optionalAmount,
  withdrawFee: optionalAmount,
  displayFee: optionalAmount,
  displayServiceFee: optionalAmount,
  /** Shorter names some Finrax answers use for the crypto amount, the display amount and the fee. */
  withdrawAmount: optionalAmount,
  displayAmount: optionalAmount,
  fee: optionalAmount,
  /** Where the withdrawal stands in an approval, when Finrax says. */
  approvalStatus: optionalText,
  reason: optionalText,
  createdAt: unixTime.nullish(),
});
export type FinraxWithdrawal = z.output<typeof finraxWithdrawalSchema>;

/** `POST /withdrawals` answered 202: the withdrawal waits for an approval. */
export const finraxWithdrawalApprovalPendingSchema = z.looseObject({
  clientLabel: z.string(),
  withdrawalId: z.string().min(1),
});
export type FinraxWithdrawalApprovalPending = z.output<typeof finraxWithdrawalApprovalPendingSchema>;

/** What `POST /withdrawals` answers: a withdrawal (201) or an approval notice (202). */
export const finraxCreateWithdrawalResponseSchema = z.union([
  finraxWithdrawalSchema.transform((withdrawal) => ({ kind: 'created' as const, withdrawal })),
  finraxWithdrawalApprovalPendingSchema.transform((pending) => ({ kind: 'approval' as const, pending })),
]);
export type FinraxCreateWithdrawalResponse = z.output<typeof finraxCreateWithdrawalResponseSchema>;

/** `GET /withdrawals` answer: `{withdrawals: [...]}` as documented; a bare array is accepted too. */
export const finraxWithdrawalListSchema = z.union([
  z.looseObject({
    withdrawals: z
      .array(finraxWithdrawalSchema)
      .nullish()
      .transform((withdrawals) => withdrawals ?? []),
  }),
  z.array(finraxWithdrawalSchema).transform((withdrawals) => ({ withdrawals })),
]);

/** Fee and limits of withdrawing one currency on one network. */
export const finraxWithdrawalNetworkMetadataSchema = z.looseObject({
  fee: providerDecimalSchema,
  minAmount: optionalAmount,
  maxAmount: optionalAmount,
  precision: z.number().int().nonnegative().nullish(),
  available: z.boolean().nullish(),
});
export type FinraxWithdrawalNetworkMetadata = z.output<typeof finraxWithdrawalNetworkMetadataSchema>;

const metadataRowSchema = z
  .looseObject({
    currency: z.string(),
    network: z.string(),
    fee: providerDecimalSchema,
    minAmount: optionalAmount,
    maxAmount: optionalAmount,
    min: optionalAmount,
    max: optionalAmount,
    precision: z.number().int().nonnegative().nullish(),
    available: z.boolean().nullish(),
  })
  .transform((row) => ({
    currency: row.currency,
    network: row.network,
    entry: {
      fee: row.fee,
      minAmount: row.minAmount ?? row.min,
      maxAmount: row.maxAmount ?? row.max,
      precision: row.precision,
      available: row.available,
    },
  }));

/**
 * `GET /withdrawals/metadata`: currency → network → fee and limits, as documented. A list of
 * `{currency, network, fee, min, max, precision}` rows is read into the same map.
 */
export const finraxWithdrawalMetadataSchema = z.union([
  z.record(z.string(), z.record(z.string(), finraxWithdrawalNetworkMetadataSchema)),
  z.array(metadataRowSchema).transform((rows) => {
    const map: Record<string, Record<string, FinraxWithdrawalNetworkMetadata>> = {};
    for (const row of rows) {
      map[row.currency] ??= {};
      map[row.currency]![row.network] = row.entry;
    }
    return map;
  }),
]);
export type FinraxWithdrawalMetadata = z.output<typeof finraxWithdrawalMetadataSchema>;

/** `GET /currency/{currency}/network/{network}/address/{address}/valid` answer. */
export const finraxAddressValidationSchema = z.looseObject({ valid: z.boolean(), supported: z.boolean() });

/** One exchange rate: the price of one `fromCurrency` in `toCurrency`. */
export interface FinraxRate {
  fromCurrency: string;
  toCurrency: string;
  rate: string;
}

const rateItemSchema = z
  .looseObject({
    fromCurrency: z.string().optional(),
    toCurrency: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    rate: providerDecimalSchema,
  })
  .transform((item) => ({
    fromCurrency: item.fromCurrency ?? item.from ?? '',
    toCurrency: item.toCurrency ?? item.to ?? '',
    rate: item.rate,
  }));

/**
 * `GET /exchange/rates/deposit` answer. Finrax's documents give no example body, so the forms an
 * exchange-rate endpoint of theirs uses are all accepted: a list of `{fromCurrency, toCurrency,
 * rate}`, the same under `rates`, one such object, or a map `{ FROM: { TO: rate } }`.
 */
export const finraxDepositRatesSchema = z.union([
  z.array(rateItemSchema),
  z.looseObject({ rates: z.array(rateItemSchema) }).transform((body) => body.rates),
  rateItemSchema.transform((item) => [item]),
  z
    .record(z.string(), z.record(z.string(), providerDecimalSchema))
    .transform((map) =>
      Object.entries(map).flatMap(([fromCurrency, targets]) =>
        Object.entries(targets).map(([toCurrency, rate]) => ({ fromCurrency, toCurrency, rate })),
      ),
    ),
]);

/** Finrax's error bodies: the current `{requestId, message}` and the older Spring form. */
export const finraxErrorBodySchema = z.looseObject({
  requestId: z.string().nullish(),
  message: z.string().nullish(),
  timestamp: z.union([z.string(), z.number()]).nullish(),
  httpStatus: z.union([z.number(), z.string()]).nullish(),
  httpError: z.string().nullish(),
  error: z.string().nullish(),
  path: z.string().nullish(),
});

/** Body of `POST /payments`. Exactly one of `displayAmount` and `depositAmount`. */
export interface FinraxCreatePaymentRequest {
  clientPaymentId: string;
  businessId: string;
  locale: string;
  type?: 'ONE_TIME' | 'REUSABLE';
  displayCurrency?: string;
  displayAmount?: string;
  depositCurrency?: string;
  depositAmount?: string;
  network?: string;
  rateType?: 'FIXED' | 'FLOATING';
  expirationMinutes?: number;
  redirectUrl?: string;
}

/** Body of the seed's `PATCH /payments/{paymentId}` (submit crypto payment). */
export interface FinraxSubmitPaymentRequest {
  depositCurrency: string;
  network?: string;
  displayCurrency?: string;
  displayAmount?: string;
}

/** Query of `GET /businesses/{businessId}/payments`: the one parameter NOTES documents. */
export interface FinraxListPaymentsQuery {
  clientPaymentId?: string;
}

/** Body of `POST /withdrawals`. */
export interface FinraxCreateWithdrawalRequest {
  businessId: string;
  clientWithdrawalId: string;
  recipientAddress: string;
  destinationTag?: string;
  network?: string;
  withdrawCurrency: string;
  displayCurrency: string;
  targetAmountPolicy: 'FIAT' | 'CRYPTO';
  targetAmount: string;
  withdrawalAccount?: 'CRYPTO' | 'FIAT';
}

/** Query of `GET /withdrawals` (`businessId` is added by the client), as NOTES documents it. */
export interface FinraxListWithdrawalsQuery {
  /** Sent as `clientWithdrawId[]`, once per id. */
  clientWithdrawId?: readonly string[];
}
