import type { CreatePaymentInput, Payment } from '@paymux/core';
import { type CliCommand, stringOption } from '../command';
import { formatPayment } from '../format-human';
import {
  amountOption,
  defined,
  integerOption,
  metadataOption,
  readDataOption,
  requireOption,
  waitSettings,
} from '../input-options';
import {
  createCommandOptions,
  createThenOutput,
  getRecordCommand,
  type TrackedRecordKind,
  waitHelp,
} from './tracked-record-commands';

const paymentKind: TrackedRecordKind<Payment> = {
  noun: 'payment',
  // Nothing final has happened yet in these.
  openStatuses: new Set(['requires_payment', 'processing', 'unknown']),
  openStatusesHelp: 'requires_payment/processing',
  read: (paymux, id, account) => paymux.getPayment(id, { account }),
  format: formatPayment,
  confirmations: ({ confirmations }) =>
    confirmations &&
    `${confirmations.current}${confirmations.required === undefined ? '' : `/${confirmations.required}`}`,
};

export const createPaymentCommand: CliCommand = {
  path: ['payments', 'create'],
  summary: 'create a payment',
  usage: 'payments create --reference <ref> --amount <decimal> --currency <code> [options]',
  options: createCommandOptions({
    'pay-with': { type: 'string' },
    network: { type: 'string' },
    flow: { type: 'string' },
    description: { type: 'string' },
    'return-url': { type: 'string' },
    'cancel-url': { type: 'string' },
    'webhook-url': { type: 'string' },
    'expires-in': { type: 'string' },
  }),
  optionHelp: [
    ['--reference <ref>', 'your order id (also the default idempotency key)'],
    ['--amount <decimal>', 'amount to charge, e.g. 25.00'],
    ['--currency <code>', 'currency of the amount: EUR, USD, USDT, …'],
    ['-a, --account <name>', 'account to use (default: routing)'],
    ['--pay-with <symbol>', 'crypto asset the customer pays with, e.g. BTC'],
    ['--network <id>', 'network of --pay-with, e.g. ethereum, tron'],
    ['--flow <flow>', 'hosted, deposit_address or tracking'],
    ['--description <text>', 'shown to the customer where supported'],
    ['--return-url <url>, --cancel-url <url>', 'where the hosted page sends the customer'],
    ['--webhook-url <url>', 'notification URL for this payment'],
    ['--expires-in <minutes>', 'how long the payment stays open'],
    ['--metadata <key=value>', 'repeatable'],
    ['--idempotency-key <key>', 'repeat-safe key (default: the reference)'],
    ['--data <json|@file>', 'the full createPayment input as JSON; options override its fields'],
    ...waitHelp(paymentKind),
  ],
  examples: [
    'paymux payments create --reference order-1 --amount 25.00 --currency EUR',
    'paymux payments create --reference order-2 --amount 10 --currency EUR --pay-with USDT --network tron --flow deposit_address --wait',
  ],
  needsConfig: true,
  async run(context) {
    const command = 'payments create';
    const { values } = context;
    const wait = waitSettings(values, command);
    const data = await readDataOption(values, context.io.cwd, command);
    const payWith = stringOption(values, 'pay-with');
    const amount = amountOption(values, command);
    const currency = stringOption(values, 'currency');
    const dataAmount = (data.amount ?? {}) as Record<string, unknown>;
    if (amount === undefined && data.amount === undefined) requireOption(values, 'amount', command);
    if (currency === undefined && dataAmount.currency === undefined)
      requireOption(values, 'currency', command);
    if (stringOption(values, 'reference') === undefined && data.reference === undefined) {
      requireOption(values, 'reference', command);
    }
    const network = stringOption(values, 'network');
    const input = {
      ...data,
      ...defined({
        reference: stringOption(values, 'reference'),
        flow: stringOption(values, 'flow'),
        description: stringOption(values, 'description'),
        returnUrl: stringOption(values, 'return-url'),
        cancelUrl: stringOption(values, 'cancel-url'),
        webhookUrl: stringOption(values, 'webhook-url'),
        expiresInMinutes: integerOption(values, 'expires-in', { min: 1, max: 43_200 }, command),
        metadata: metadataOption(values, command),
        idempotencyKey: stringOption(values, 'idempotency-key'),
      }),
      amount: { ...dataAmount, ...defined({ amount, currency }) },
      ...(payWith === undefined && network === undefined
        ? {}
        : { payWith: { ...(data.payWith as object | undefined), ...defined({ symbol: payWith, network }) } }),
    } as CreatePaymentInput;
    return createThenOutput(context, paymentKind, wait, (paymux, account) =>
      paymux.createPayment(input, { account }),
    );
  },
};

export const getPaymentCommand: CliCommand = getRecordCommand(paymentKind, {
  path: ['payments', 'get'],
  summary: 'show a payment',
  accountHelp:
    'the account that holds it (default: the only one, the one this CLI created it on, or the only one whose ids look like it)',
  examples: [
    'paymux payments get fp_eyJwIjoi… --wait',
    'paymux payments get 5e3c… --account main --wait --json',
  ],
});
