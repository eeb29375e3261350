import type { CreatePaymentInput, Payment } from '@paymux/core';
import { type CliCommand, stringOption } from '../command';
import { formatPayment } from '../format-human';
import { defined, integerOption } from '../input-options';
import { createRecordCommand } from './create-record-command';
import { getRecordCommand, type TrackedRecordKind } from './tracked-record-commands';

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

export const createPaymentCommand: CliCommand = createRecordCommand(paymentKind, {
  path: ['payments', 'create'],
  summary: 'create a payment',
  usage: 'payments create --reference <ref> --amount <decimal> --currency <code> [options]',
  options: {
    'pay-with': { type: 'string' },
    network: { type: 'string' },
    flow: { type: 'string' },
    description: { type: 'string' },
    'return-url': { type: 'string' },
    'cancel-url': { type: 'string' },
    'webhook-url': { type: 'string' },
    'expires-in': { type: 'string' },
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
  ],
  examples: [
    'paymux payments create --reference order-1 --amount 25.00 --currency EUR',
    'paymux payments create --reference order-2 --amount 10 --currency EUR --pay-with USDT --network tron --flow deposit_address --wait',
  ],
  operation: 'createPayment',
  fields(values, data, command) {
    const payWith = stringOption(values, 'pay-with');
    const network = stringOption(values, 'network');
    return {
      ...defined({
        flow: stringOption(values, 'flow'),
        description: stringOption(values, 'description'),
        returnUrl: stringOption(values, 'return-url'),
        cancelUrl: stringOption(values, 'cancel-url'),
        webhookUrl: stringOption(values, 'webhook-url'),
        expiresInMinutes: integerOption(values, 'expires-in', { min: 1, max: 43_200 }, command),
      }),
      ...(payWith === undefined && network === undefined
        ? {}
        : { payWith: { ...(data.payWith as object | undefined), ...defined({ symbol: payWith, network }) } }),
    };
  },
  create: (paymux, input, account) => paymux.createPayment(input as CreatePaymentInput, { account }),
});

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
