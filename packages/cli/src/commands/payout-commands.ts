import type { CreatePayoutInput, Payout } from '@paymux/core';
import { type CliCommand, stringOption } from '../command';
import { formatPayout } from '../format-human';
import {
  amountOption,
  defined,
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

const payoutKind: TrackedRecordKind<Payout> = {
  noun: 'payout',
  // `requires_approval` is not open: it needs a person, so `--wait` does not wait through it.
  openStatuses: new Set(['pending', 'processing', 'unknown']),
  openStatusesHelp: 'pending/processing',
  read: (paymux, id, account) => paymux.getPayout(id, { account }),
  format: formatPayout,
};

export const createPayoutCommand: CliCommand = {
  path: ['payouts', 'create'],
  summary: 'send a payout',
  usage:
    'payouts create --reference <ref> --amount <decimal> --currency <code> --asset <symbol> --network <id> --address <address> [options]',
  options: createCommandOptions({
    asset: { type: 'string' },
    network: { type: 'string' },
    address: { type: 'string' },
    memo: { type: 'string' },
    description: { type: 'string' },
  }),
  optionHelp: [
    ['--reference <ref>', 'your payout id (also the default idempotency key)'],
    ['--amount <decimal>', 'amount to send'],
    ['--currency <code>', 'currency of the amount (crypto, or fiat where the provider converts)'],
    ['--asset <symbol>', 'asset the recipient receives, e.g. USDT'],
    ['--network <id>', 'network of the asset, e.g. tron'],
    ['--address <address>', 'recipient address'],
    ['--memo <memo>', 'destination tag or memo'],
    ['-a, --account <name>', 'account to use (default: routing)'],
    ['--description <text>', 'a note kept with the payout'],
    ['--metadata <key=value>', 'repeatable'],
    ['--idempotency-key <key>', 'repeat-safe key (default: the reference)'],
    ['--data <json|@file>', 'the full createPayout input as JSON; options override its fields'],
    ...waitHelp(payoutKind),
  ],
  examples: [
    'paymux payouts create --reference payout-1 --amount 25 --currency USDT --asset USDT --network tron --address TXYZ…',
  ],
  needsConfig: true,
  async run(context) {
    const command = 'payouts create';
    const { values } = context;
    const wait = waitSettings(values, command);
    const data = await readDataOption(values, context.io.cwd, command);
    const dataAmount = (data.amount ?? {}) as Record<string, unknown>;
    const dataDestination = (data.destination ?? {}) as Record<string, unknown>;
    const dataAsset = (dataDestination.asset ?? {}) as Record<string, unknown>;
    const required: [string, unknown][] = [
      ['reference', data.reference],
      ['amount', dataAmount.amount],
      ['currency', dataAmount.currency],
      ['asset', dataAsset.symbol],
      ['network', dataAsset.network],
      ['address', dataDestination.address],
    ];
    for (const [name, fromData] of required) {
      if (fromData === undefined) requireOption(values, name, command);
    }
    const input = {
      ...data,
      ...defined({
        reference: stringOption(values, 'reference'),
        description: stringOption(values, 'description'),
        metadata: metadataOption(values, command),
        idempotencyKey: stringOption(values, 'idempotency-key'),
      }),
      amount: {
        ...dataAmount,
        ...defined({ amount: amountOption(values, command), currency: stringOption(values, 'currency') }),
      },
      destination: {
        ...dataDestination,
        ...defined({ address: stringOption(values, 'address'), memo: stringOption(values, 'memo') }),
        asset: {
          ...dataAsset,
          ...defined({ symbol: stringOption(values, 'asset'), network: stringOption(values, 'network') }),
        },
      },
    } as CreatePayoutInput;
    return createThenOutput(context, payoutKind, wait, (paymux, account) =>
      paymux.createPayout(input, { account }),
    );
  },
};

export const getPayoutCommand: CliCommand = getRecordCommand(payoutKind, {
  path: ['payouts', 'get'],
  summary: 'show a payout',
  accountHelp:
    'the account that sent it (default: the only one, the one this CLI sent it on, or the only one whose ids look like it)',
  examples: ['paymux payouts get po_123 --account main --wait'],
});
