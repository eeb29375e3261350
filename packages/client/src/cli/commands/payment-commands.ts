import type { CreatePaymentInput, Payment } from '@paymux/core';
import { type CliCommand, type CommandContext, stringOption } from '../command';
import { ExitCode } from '../exit-codes';
import { formatPayment } from '../format-human';
import {
  defined,
  integerOption,
  metadataOption,
  readDataOption,
  requireOption,
  amountOption,
  type WaitSettings,
  waitSettings,
} from '../input-options';
import { waitForStatus } from '../wait-for-status';

/** Statuses `--wait` waits through: nothing final has happened yet. */
const openPaymentStatuses = new Set(['requires_payment', 'processing', 'unknown']);

const waitOptions = {
  wait: { type: 'boolean' },
  timeout: { type: 'string' },
  interval: { type: 'string' },
} as const;

const waitHelp = [
  ['--wait', 'poll until the status leaves requires_payment/processing (exit 5 on timeout)'],
  ['--timeout <seconds>', 'how long --wait waits (default 300)'],
  ['--interval <seconds>', 'how often --wait polls (default 2)'],
] as const;

async function finish(
  context: CommandContext,
  wait: WaitSettings,
  payment: Payment,
  read: () => Promise<Payment>,
): Promise<number> {
  let result = payment;
  let settled = true;
  if (wait.enabled) {
    context.progress.start(`Waiting for payment ${payment.id}: ${payment.status}`);
    const waited = await waitForStatus(
      read,
      openPaymentStatuses,
      {
        intervalMs: wait.intervalMs,
        timeoutMs: wait.timeoutMs,
        progress: context.progress,
        signal: context.io.signal,
        label: `payment ${payment.id}`,
      },
      payment,
    );
    context.progress.stop();
    result = waited.value;
    settled = waited.settled;
  }
  context.output(result, formatPayment(result));
  if (!settled) {
    context.io.stderr.write(`Gave up waiting: payment ${result.id} is still ${result.status}\n`);
    return ExitCode.waitTimedOut;
  }
  return ExitCode.ok;
}

export const createPaymentCommand: CliCommand = {
  path: ['payments', 'create'],
  summary: 'create a payment',
  usage: 'payments create --reference <ref> --amount <decimal> --currency <code> [options]',
  options: {
    account: { type: 'string', short: 'a' },
    reference: { type: 'string' },
    amount: { type: 'string' },
    currency: { type: 'string' },
    'pay-with': { type: 'string' },
    network: { type: 'string' },
    flow: { type: 'string' },
    description: { type: 'string' },
    'return-url': { type: 'string' },
    'cancel-url': { type: 'string' },
    'webhook-url': { type: 'string' },
    'expires-in': { type: 'string' },
    metadata: { type: 'string', multiple: true },
    'idempotency-key': { type: 'string' },
    data: { type: 'string' },
    ...waitOptions,
  },
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
    ...waitHelp,
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
    const { paymux } = await context.client();
    const account = stringOption(values, 'account');
    context.progress.start(`Creating payment${account ? ` on ${account}` : ''}`);
    const payment = await paymux.createPayment(input, { account });
    context.progress.stop();
    return finish(context, wait, payment, () => paymux.getPayment(payment.id, { account: payment.provider }));
  },
};

export const getPaymentCommand: CliCommand = {
  path: ['payments', 'get'],
  summary: 'show a payment',
  usage: 'payments get <id> [--account <name>] [--wait]',
  positionals: ['id'],
  options: { account: { type: 'string', short: 'a' }, ...waitOptions },
  optionHelp: [['-a, --account <name>', 'the account that created it (default: routing)'], ...waitHelp],
  examples: [
    'paymux payments get pay_123 --account main',
    'paymux payments get pay_123 --account main --wait --json',
  ],
  needsConfig: true,
  async run(context) {
    const wait = waitSettings(context.values, 'payments get');
    const id = context.positionals[0] ?? '';
    const account = stringOption(context.values, 'account');
    const { paymux } = await context.client();
    const read = () => paymux.getPayment(id, { account });
    context.progress.start(`Reading payment ${id}`);
    const payment = await read();
    context.progress.stop();
    return finish(context, wait, payment, read);
  },
};
