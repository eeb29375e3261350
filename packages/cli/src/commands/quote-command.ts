import type { GetQuoteInput } from '@paymux/core';
import { type CliCommand, stringOption } from '../command';
import { ExitCode } from '../exit-codes';
import { formatQuote } from '../format-human';
import { amountOption, defined, readDataOption, requireOption } from '../input-options';

export const getQuoteCommand: CliCommand = {
  path: ['quotes', 'get'],
  summary: 'quote what an amount costs in a crypto asset',
  usage:
    'quotes get --amount <decimal> --currency <code> --pay-with <symbol> [--network <id>] [--account <name>]',
  options: {
    account: { type: 'string', short: 'a' },
    amount: { type: 'string' },
    currency: { type: 'string' },
    'pay-with': { type: 'string' },
    network: { type: 'string' },
    data: { type: 'string' },
  },
  optionHelp: [
    ['--amount <decimal>', 'amount to convert, e.g. 10.00'],
    ['--currency <code>', 'currency of the amount, e.g. EUR'],
    ['--pay-with <symbol>', 'asset to quote, e.g. BTC'],
    ['--network <id>', 'network of the asset'],
    ['-a, --account <name>', 'account to ask (default: routing)'],
    ['--data <json|@file>', 'the full getQuote input as JSON; options override its fields'],
  ],
  examples: ['paymux quotes get --amount 10 --currency EUR --pay-with BTC'],
  needsConfig: true,
  async run(context) {
    const command = 'quotes get';
    const { values } = context;
    const data = await readDataOption(values, context.io.cwd, command);
    const dataAmount = (data.amount ?? {}) as Record<string, unknown>;
    const dataPayWith = (data.payWith ?? {}) as Record<string, unknown>;
    if (dataAmount.amount === undefined) requireOption(values, 'amount', command);
    if (dataAmount.currency === undefined) requireOption(values, 'currency', command);
    if (dataPayWith.symbol === undefined) requireOption(values, 'pay-with', command);
    const input = {
      ...data,
      amount: {
        ...dataAmount,
        ...defined({ amount: amountOption(values, command), currency: stringOption(values, 'currency') }),
      },
      payWith: {
        ...dataPayWith,
        ...defined({ symbol: stringOption(values, 'pay-with'), network: stringOption(values, 'network') }),
      },
    } as GetQuoteInput;
    const { paymux } = await context.client();
    const account = stringOption(values, 'account');
    context.progress.start(`Getting a quote${account ? ` from ${account}` : ''}`);
    const quote = await paymux.getQuote(input, { account });
    context.progress.stop();
    context.output(quote, formatQuote(quote));
    return ExitCode.ok;
  },
};
