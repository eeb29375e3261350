import type { Paymux } from '@paymux/client';
import { type CliCommand, type CommandContext, type ParseArgsOptionsConfig, stringOption } from '../command';
import { ExitCode } from '../exit-codes';
import { type WaitSettings, waitSettings } from '../input-options';
import { accountForRecord, type RecordNoun, rememberRecordAccount } from '../record-account';
import { StatusLine } from '../status-line';
import { waitForStatus } from '../wait-for-status';

/** A record the CLI creates, reads and can wait on: a payment or a payout. */
export interface TrackedRecord {
  id: string;
  status: string;
  /** The account that holds it: where a read after a create goes. */
  provider: string;
}

/** What the create/get commands of one kind of record differ in. */
export interface TrackedRecordKind<T extends TrackedRecord> {
  /** `payment` or `payout`, in progress lines and messages. */
  noun: RecordNoun;
  /** Statuses `--wait` waits through: nothing final has happened yet. */
  openStatuses: ReadonlySet<string>;
  /** The open statuses as the `--wait` help line names them, e.g. `pending/processing`. */
  openStatusesHelp: string;
  /** Reads the record again, on `account` (routing when undefined). */
  read(paymux: Paymux, id: string, account: string | undefined): Promise<T>;
  /** The human form of the record. */
  format(record: T): string;
  /** Confirmations for the `--wait` line (`1/3`), when the record has them. */
  confirmations?(record: T): string | undefined;
}

/** `--wait`, `--timeout` and `--interval`, in `parseArgs` form. */
export const waitOptions = {
  wait: { type: 'boolean' },
  timeout: { type: 'string' },
  interval: { type: 'string' },
} as const;

/**
 * Options of a create command: the account, reference, amount and currency first, then the
 * record's own options (`specific`), then metadata, idempotency key, `--data` and `waitOptions`.
 */
export function createCommandOptions(specific: ParseArgsOptionsConfig): ParseArgsOptionsConfig {
  return {
    account: { type: 'string', short: 'a' },
    reference: { type: 'string' },
    amount: { type: 'string' },
    currency: { type: 'string' },
    ...specific,
    metadata: { type: 'string', multiple: true },
    'idempotency-key': { type: 'string' },
    data: { type: 'string' },
    ...waitOptions,
  };
}

/** Help lines of `waitOptions` for one kind of record. */
export function waitHelp<T extends TrackedRecord>(
  kind: TrackedRecordKind<T>,
): readonly (readonly [string, string])[] {
  return [
    ['--wait', `poll until the status leaves ${kind.openStatusesHelp} (exit 5 on timeout)`],
    ['--timeout <seconds>', 'how long --wait waits (default 300)'],
    ['--interval <seconds>', 'how often --wait polls (default 2)'],
  ];
}

/**
 * Prints `record`, after polling it with `read` while its status is open when `--wait` is on.
 * Returns `ExitCode.waitTimedOut` (with a note on stderr) if it was still open when the wait ended.
 */
export async function outputAfterWait<T extends TrackedRecord>(
  context: CommandContext,
  kind: TrackedRecordKind<T>,
  wait: WaitSettings,
  record: T,
  read: () => Promise<T>,
): Promise<number> {
  let result = record;
  let settled = true;
  if (wait.enabled) {
    const line = new StatusLine(
      context.io.stderr,
      `${kind.noun} ${record.id}`,
      context.values.quiet !== true,
    );
    const waited = await waitForStatus(
      read,
      kind.openStatuses,
      {
        intervalMs: wait.intervalMs,
        timeoutMs: wait.timeoutMs,
        signal: context.io.signal,
        onRead: (value, elapsedMs) =>
          line.show({ status: value.status, elapsedMs, confirmations: kind.confirmations?.(value as T) }),
      },
      record,
    ).catch((error: unknown) => {
      line.abandon();
      throw error;
    });
    line.finish(waited.settled);
    result = waited.value;
    settled = waited.settled;
  }
  context.output(result, kind.format(result));
  if (!settled) {
    context.io.stderr.write(`Gave up waiting: ${kind.noun} ${result.id} is still ${result.status}\n`);
    return ExitCode.waitTimedOut;
  }
  return ExitCode.ok;
}

/**
 * Sends a create on the `--account` option's account (routing when absent), showing progress,
 * then prints the record as `outputAfterWait` does, re-reading it on the account that holds it.
 */
export async function createThenOutput<T extends TrackedRecord>(
  context: CommandContext,
  kind: TrackedRecordKind<T>,
  wait: WaitSettings,
  create: (paymux: Paymux, account: string | undefined) => Promise<T>,
): Promise<number> {
  const { paymux } = await context.client();
  const account = stringOption(context.values, 'account');
  context.progress.start(`Creating ${kind.noun}${account ? ` on ${account}` : ''}`);
  const record = await create(paymux, account);
  context.progress.stop();
  await rememberRecordAccount(paymux, kind.noun, record.id, record.provider);
  return outputAfterWait(context, kind, wait, record, () => kind.read(paymux, record.id, record.provider));
}

/** The parts of a `get` command that are not the same for every kind of record. */
export interface GetCommandSpec {
  /** The words that select it, e.g. `['payouts', 'get']`. */
  path: readonly [string, string];
  summary: string;
  /** Help for `--account`: which account holds the record. */
  accountHelp: string;
  examples: readonly string[];
}

/** A `<group> get <id> [--account <name>] [--wait]` command for one kind of record. */
export function getRecordCommand<T extends TrackedRecord>(
  kind: TrackedRecordKind<T>,
  spec: GetCommandSpec,
): CliCommand {
  const command = spec.path.join(' ');
  return {
    path: spec.path,
    summary: spec.summary,
    usage: `${command} <id> [--account <name>] [--wait]`,
    positionals: ['id'],
    options: { account: { type: 'string', short: 'a' }, ...waitOptions },
    optionHelp: [['-a, --account <name>', spec.accountHelp], ...waitHelp(kind)],
    examples: spec.examples,
    needsConfig: true,
    async run(context) {
      const wait = waitSettings(context.values, command);
      const id = context.positionals[0] ?? '';
      const { paymux } = await context.client();
      const account =
        stringOption(context.values, 'account') ?? (await accountForRecord(paymux, kind.noun, id));
      const read = () => kind.read(paymux, id, account);
      context.progress.start(`Reading ${kind.noun} ${id}`);
      const record = await read();
      context.progress.stop();
      return outputAfterWait(context, kind, wait, record, read);
    },
  };
}
