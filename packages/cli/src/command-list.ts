import type { CliCommand } from './command';
import { listAccountsCommand, showAccountCommand } from './commands/account-commands';
import { createPaymentCommand, getPaymentCommand } from './commands/payment-commands';
import { createPayoutCommand, getPayoutCommand } from './commands/payout-commands';
import { getQuoteCommand } from './commands/quote-command';
import { sandboxCommand } from './commands/sandbox-command';
import { webhooksListenCommand } from './commands/webhooks-listen-command';

/** Every command, in the order `paymux --help` lists them. */
export const commands: readonly CliCommand[] = [
  listAccountsCommand,
  showAccountCommand,
  createPaymentCommand,
  getPaymentCommand,
  createPayoutCommand,
  getPayoutCommand,
  getQuoteCommand,
  webhooksListenCommand,
  sandboxCommand,
];

/** What a group word alone runs (`paymux accounts` lists them). */
export const groupDefaults: Readonly<Record<string, string>> = { accounts: 'list' };
