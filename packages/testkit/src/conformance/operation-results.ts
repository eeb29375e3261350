import {
  addressValidationSchema,
  balanceSchema,
  currencyInfoSchema,
  type OperationName,
  operationNames,
  type PaymentProvider,
  paymentSchema,
  payoutBatchSchema,
  payoutFeeEstimateSchema,
  payoutSchema,
  quoteSchema,
  refundSchema,
} from '@paymux/core';

/** Every operation a fixture can exercise: all of them but `parseWebhook`, which has its own checks. */
export type FixtureOperation = Exclude<OperationName, 'parseWebhook'>;

export const fixtureOperations: readonly FixtureOperation[] = operationNames.filter(
  (name): name is FixtureOperation => name !== 'parseWebhook',
);

/** The part of a zod schema the suite uses (kept structural: the testkit does not import zod). */
interface ResultSchema {
  safeParse(value: unknown): {
    success: boolean;
    error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
  };
}

function issuesOf(schema: ResultSchema, value: unknown, where: string): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return (result.error?.issues ?? []).map(
    (issue) => `${where}${issue.path.length ? `.${issue.path.map(String).join('.')}` : ''}: ${issue.message}`,
  );
}

function one(schema: ResultSchema) {
  return (value: unknown): string[] => issuesOf(schema, value, '$');
}

function list(schema: ResultSchema) {
  return (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap((item, index) => issuesOf(schema, item, `$[${index}]`))
      : ['$: expected an array'];
}

function page(schema: ResultSchema) {
  return (value: unknown): string[] => {
    if (typeof value !== 'object' || value === null) return ['$: expected a page { items, nextCursor? }'];
    const { items, nextCursor } = value as { items?: unknown; nextCursor?: unknown };
    const problems = list(schema)(items).map((problem) => problem.replace(/^\$/, '$.items'));
    if (nextCursor !== undefined && typeof nextCursor !== 'string') {
      problems.push('$.nextCursor: expected a string or nothing');
    }
    return problems;
  };
}

/** Checks an operation's result against the unified model of `@paymux/core`; lists the problems. */
export const resultValidators: Readonly<Record<FixtureOperation, (value: unknown) => string[]>> = {
  createPayment: one(paymentSchema),
  getPayment: one(paymentSchema),
  listPayments: page(paymentSchema),
  cancelPayment: one(paymentSchema),
  acceptUnderpayment: one(paymentSchema),
  releasePayment: one(paymentSchema),
  getQuote: one(quoteSchema),
  listCurrencies: list(currencyInfoSchema),
  createRefund: one(refundSchema),
  getRefund: one(refundSchema),
  createPayout: one(payoutSchema),
  createPayoutBatch: one(payoutBatchSchema),
  getPayout: one(payoutSchema),
  getPayoutBatch: one(payoutBatchSchema),
  listPayouts: page(payoutSchema),
  estimatePayoutFee: one(payoutFeeEstimateSchema),
  getBalances: list(balanceSchema),
  validateAddress: one(addressValidationSchema),
};

const money = { amount: '10.00', currency: 'EUR' };
const destination = {
  asset: { symbol: 'USDT', network: 'tron' },
  address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
};

/**
 * Calls an operation with plausible input, to show that an undeclared one throws before any I/O
 * whatever it is given.
 */
export const callWithSampleInput: Readonly<
  Record<FixtureOperation, (provider: PaymentProvider) => Promise<unknown>>
> = {
  createPayment: (provider) => provider.createPayment({ reference: 'conformance-order-1', amount: money }),
  getPayment: (provider) => provider.getPayment('conformance-payment-1'),
  listPayments: (provider) => provider.listPayments({ limit: 10 }),
  cancelPayment: (provider) => provider.cancelPayment({ paymentId: 'conformance-payment-1' }),
  acceptUnderpayment: (provider) => provider.acceptUnderpayment({ paymentId: 'conformance-payment-1' }),
  releasePayment: (provider) => provider.releasePayment('conformance-payment-1'),
  getQuote: (provider) => provider.getQuote({ amount: money, payWith: { symbol: 'USDT', network: 'tron' } }),
  listCurrencies: (provider) => provider.listCurrencies(),
  createRefund: (provider) => provider.createRefund({ paymentId: 'conformance-payment-1' }),
  getRefund: (provider) => provider.getRefund('conformance-refund-1'),
  createPayout: (provider) =>
    provider.createPayout({ reference: 'conformance-payout-1', amount: money, destination }),
  createPayoutBatch: (provider) =>
    provider.createPayoutBatch({
      reference: 'conformance-batch-1',
      payouts: [{ reference: 'conformance-payout-2', amount: money, destination }],
    }),
  getPayout: (provider) => provider.getPayout('conformance-payout-1'),
  getPayoutBatch: (provider) => provider.getPayoutBatch('conformance-batch-1'),
  listPayouts: (provider) => provider.listPayouts({ limit: 10 }),
  estimatePayoutFee: (provider) => provider.estimatePayoutFee({ amount: money, destination }),
  getBalances: (provider) => provider.getBalances(),
  validateAddress: (provider) =>
    provider.validateAddress({ asset: destination.asset, address: destination.address }),
};
