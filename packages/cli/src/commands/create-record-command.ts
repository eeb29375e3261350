import type { Paymux } from '@paymux/client';
import { type CliCommand, type OptionValues, type ParseArgsOptionsConfig, stringOption } from '../command';
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
  type TrackedRecord,
  type TrackedRecordKind,
  waitHelp,
} from './tracked-record-commands';

/** The parts of a `<group> create` command that are not the same for payments and payouts. */
export interface CreateCommandSpec<T extends TrackedRecord> {
  /** The words that select it, e.g. `['payouts', 'create']`. */
  path: readonly [string, string];
  summary: string;
  usage: string;
  /** The command's own options; `createCommandOptions` adds the shared ones around them. */
  options: ParseArgsOptionsConfig;
  /**
   * Help lines up to `--metadata`, in the order `--help` shows them; the shared lines (metadata,
   * idempotency key, `--data` and the wait options) follow.
   */
  optionHelp: readonly (readonly [string, string])[];
  examples: readonly string[];
  /** The client method whose input `--data` is, e.g. `createPayment`, for the `--data` help line. */
  operation: string;
  /**
   * Options required beyond reference, amount and currency, each with the `--data` value that can
   * stand in for it.
   */
  required?(data: Record<string, unknown>): [name: string, fromData: unknown][];
  /** The input fields of this command's own options, each over the same field of `--data`. */
  fields(values: OptionValues, data: Record<string, unknown>, command: string): Record<string, unknown>;
  /** Sends the create on `account` (routing when undefined). */
  create(paymux: Paymux, input: Record<string, unknown>, account: string | undefined): Promise<T>;
}

/**
 * A `<group> create` command: reads `--data`, checks the required options (each may come from
 * `--data` instead), lays the options over `--data`, sends the create and prints the record,
 * waiting on it with `--wait`.
 *
 * @example
 * export const createPayoutCommand = createRecordCommand(payoutKind, {
 *   path: ['payouts', 'create'], operation: 'createPayout', fields: payoutFields,
 *   create: (paymux, input, account) => paymux.createPayout(input as CreatePayoutInput, { account }),
 *   …
 * });
 */
export function createRecordCommand<T extends TrackedRecord>(
  kind: TrackedRecordKind<T>,
  spec: CreateCommandSpec<T>,
): CliCommand {
  const command = spec.path.join(' ');
  return {
    path: spec.path,
    summary: spec.summary,
    usage: spec.usage,
    options: createCommandOptions(spec.options),
    optionHelp: [
      ...spec.optionHelp,
      ['--metadata <key=value>', 'repeatable'],
      ['--idempotency-key <key>', 'repeat-safe key (default: the reference)'],
      ['--data <json|@file>', `the full ${spec.operation} input as JSON; options override its fields`],
      ...waitHelp(kind),
    ],
    examples: spec.examples,
    needsConfig: true,
    async run(context) {
      const { values } = context;
      const wait = waitSettings(values, command);
      const data = await readDataOption(values, context.io.cwd, command);
      const dataAmount = (data.amount ?? {}) as Record<string, unknown>;
      const required: [string, unknown][] = [
        ['reference', data.reference],
        ['amount', dataAmount.amount],
        ['currency', dataAmount.currency],
        ...(spec.required?.(data) ?? []),
      ];
      for (const [name, fromData] of required) {
        if (fromData === undefined) requireOption(values, name, command);
      }
      const input = {
        ...data,
        ...defined({
          reference: stringOption(values, 'reference'),
          metadata: metadataOption(values, command),
          idempotencyKey: stringOption(values, 'idempotency-key'),
        }),
        amount: {
          ...dataAmount,
          ...defined({ amount: amountOption(values, command), currency: stringOption(values, 'currency') }),
        },
        ...spec.fields(values, data, command),
      };
      return createThenOutput(context, kind, wait, (paymux, account) => spec.create(paymux, input, account));
    },
  };
}
