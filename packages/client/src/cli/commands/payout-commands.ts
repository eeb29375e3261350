import type { CreatePayoutInput, Payout } from '@paymux/core';
import { type CliCommand, type CommandContext, stringOption } from '../command';
import { ExitCode } from '../exit-codes';
import { formatPayout } from '../format-human';
import {
  defined,
  metadataOption,
  readDataOption,
  requireOption,
  waitSettings,
  type WaitSettings,
  amountOption,
} from '../input-options';
import { waitForStatus } from '../wait-for-status';

/** Statuses `--wait` waits through. `requires_approval` is not one: it needs a person. */
const openPayoutStatuses = new Set(['pending', 'processing', 'unknown']);

const waitOptions = {
  wait: { type: 'boolean' },
  timeout: { type: 'string' },
  interval: { type: 'string' },
} as const;

const waitHelp = [
  ['--wait', 'poll until the status leaves pending/processing (exit 5 on timeout)'],
  ['--timeout <seconds>', 'how long --wait waits (default 300)'],
  ['--interval <seconds>', 'how often --wait polls (default 2)'],
] as const;

async function finish(
  context: CommandContext,
  wait: WaitSettings,
  payout: Payout,
  read: () => Promise<Payout>,
): Promise<number> {
  let result = payout;
  let settled = true;
  if (wait.enabled) {
    context.progress.start(`Waiting for payout ${payout.id}: ${payout.status}`);
    const waited = await waitForStatus(
      read,
      openPayoutStatuses,
      {
        intervalMs: wait.intervalMs,
        timeoutMs: wait.timeoutMs,
        progress: context.progress,
        signal: context.io.signal,
        label: `payout ${payout.id}`,
      },
      payout,
    );
    context.progress.stop();
    result = waited.value;
    settled = waited.settled;
  }
  context.output(result, formatPayout(result));
  if (!settled) {
    context.io.stderr.write(`Gave up waiting: payout ${result.id} is still ${result.status}\n`);
    return ExitCode.waitTimedOut;
  }
  return ExitCode.ok;
}

export const createPayoutCommand: CliCommand = {
  path: ['payouts', 'create'],
  summary: 'send a payout',
  usage:
    'payouts create --reference <ref> --amount <decimal> --currency <code> --asset <symbol> --network <id> --address <address> [options]',
  options: {
    account: { type: 'string', short: 'a' },
    reference: { type: 'string' },
    amount: { type: 'string' },
    currency: { type: 'string' },
    asset: { type: 'string' },
    network: { type: 'string' },
    address: { type: 'string' },
    memo: { type: 'string' },
    description: { type: 'string' },
    metadata: { type: 'string', multiple: true },
    'idempotency-key': { type: 'string' },
    data: { type: 'string' },
    ...waitOptions,
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
    ['--metadata <key=value>', 'repeatable'],
    ['--idempotency-key <key>', 'repeat-safe key (default: the reference)'],
    ['--data <json|@file>', 'the full createPayout input as JSON; options override its fields'],
    ...waitHelp,
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
    const { paymux } = await context.client();
    const account = stringOption(values, 'account');
    context.progress.start(`Creating payout${account ? ` on ${account}` : ''}`);
    const payout = await paymux.createPayout(input, { account });
    context.progress.stop();
    return finish(context, wait, payout, () => paymux.getPayout(payout.id, { account: payout.provider }));
  },
};

export const getPayoutCommand: CliCommand = {
  path: ['payouts', 'get'],
  summary: 'show a payout',
  usage: 'payouts get <id> [--account <name>] [--wait]',
  positionals: ['id'],
  options: { account: { type: 'string', short: 'a' }, ...waitOptions },
  optionHelp: [['-a, --account <name>', 'the account that sent it (default: routing)'], ...waitHelp],
  examples: ['paymux payouts get po_123 --account main --wait'],
  needsConfig: true,
  async run(context) {
    const wait = waitSettings(context.values, 'payouts get');
    const id = context.positionals[0] ?? '';
    const account = stringOption(context.values, 'account');
    const { paymux } = await context.client();
    const read = () => paymux.getPayout(id, { account });
    context.progress.start(`Reading payout ${id}`);
    const payout = await read();
    context.progress.stop();
    return finish(context, wait, payout, read);
  },
};
