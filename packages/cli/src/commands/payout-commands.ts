import type { CreatePayoutInput, Payout } from '@paymux/core';
import { type CliCommand, stringOption } from '../command';
import { formatPayout } from '../format-human';
import { defined } from '../input-options';
import { createRecordCommand } from './create-record-command';
import { getRecordCommand, type TrackedRecordKind } from './tracked-record-commands';

const payoutKind: TrackedRecordKind<Payout> = {
  noun: 'payout',
  // `requires_approval` is not open: it needs a person, so `--wait` does not wait through it.
  openStatuses: new Set(['pending', 'processing', 'unknown']),
  openStatusesHelp: 'pending/processing',
  read: (paymux, id, account) => paymux.getPayout(id, { account }),
  format: formatPayout,
};

export const createPayoutCommand: CliCommand = createRecordCommand(payoutKind, {
  path: ['payouts', 'create'],
  summary: 'send a payout',
  usage:
    'payouts create --reference <ref> --amount <decimal> --currency <code> --asset <symbol> --network <id> --address <address> [options]',
  options: {
    asset: { type: 'string' },
    network: { type: 'string' },
    address: { type: 'string' },
    memo: { type: 'string' },
    description: { type: 'string' },
  },
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
  ],
  examples: [
    'paymux payouts create --reference payout-1 --amount 25 --currency USDT --asset USDT --network tron --address TXYZ…',
  ],
  operation: 'createPayout',
  required(data) {
    const { destination, asset } = destinationOf(data);
    return [
      ['asset', asset.symbol],
      ['network', asset.network],
      ['address', destination.address],
    ];
  },
  fields(values, data) {
    const { destination, asset } = destinationOf(data);
    return {
      ...defined({ description: stringOption(values, 'description') }),
      destination: {
        ...destination,
        ...defined({ address: stringOption(values, 'address'), memo: stringOption(values, 'memo') }),
        asset: {
          ...asset,
          ...defined({ symbol: stringOption(values, 'asset'), network: stringOption(values, 'network') }),
        },
      },
    };
  },
  create: (paymux, input, account) => paymux.createPayout(input as CreatePayoutInput, { account }),
});

/** `--data`'s destination and its asset, `{}` where absent. */
function destinationOf(data: Record<string, unknown>) {
  const destination = (data.destination ?? {}) as Record<string, unknown>;
  const asset = (destination.asset ?? {}) as Record<string, unknown>;
  return { destination, asset };
}

export const getPayoutCommand: CliCommand = getRecordCommand(payoutKind, {
  path: ['payouts', 'get'],
  summary: 'show a payout',
  accountHelp:
    'the account that sent it (default: the only one, the one this CLI sent it on, or the only one whose ids look like it)',
  examples: ['paymux payouts get po_123 --account main --wait'],
});
