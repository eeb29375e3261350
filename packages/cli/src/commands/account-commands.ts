import type { CliCommand } from '../command';
import { ExitCode } from '../exit-codes';
import { columns, formatCapabilities } from '../format-human';
import { UsageError } from '../usage-error';

export const listAccountsCommand: CliCommand = {
  path: ['accounts', 'list'],
  summary: 'list the configured accounts and what each supports',
  usage: 'accounts [list]',
  options: {},
  optionHelp: [],
  examples: ['paymux accounts', 'paymux accounts --json | jq ".[].name"'],
  needsConfig: true,
  async run(context) {
    const { paymux } = await context.client();
    const accounts = paymux.accounts().map(({ name, type }) => ({
      name,
      type,
      capabilities: paymux.account(name).capabilities,
    }));
    const rows = accounts.map(({ name, type, capabilities }) => [
      name,
      type,
      capabilities.flows.join(','),
      Object.keys(capabilities.operations)
        .filter((operation) => operation !== 'parseWebhook')
        .join(' '),
    ]);
    context.output(accounts, columns(['ACCOUNT', 'TYPE', 'FLOWS', 'OPERATIONS'], rows));
    return ExitCode.ok;
  },
};

export const showAccountCommand: CliCommand = {
  path: ['accounts', 'show'],
  summary: "show one account's capabilities in full",
  usage: 'accounts show <name>',
  positionals: ['name'],
  options: {},
  optionHelp: [],
  examples: ['paymux accounts show main'],
  needsConfig: true,
  async run(context) {
    const name = context.positionals[0] ?? '';
    const { paymux } = await context.client();
    const account = paymux.accounts().find((candidate) => candidate.name === name);
    if (account === undefined) {
      const known = paymux
        .accounts()
        .map((candidate) => candidate.name)
        .join(', ');
      throw new UsageError(`No account "${name}" in the config (accounts: ${known})`, 'accounts show');
    }
    const { capabilities } = paymux.account(name);
    context.output(
      { name, type: account.type, capabilities },
      formatCapabilities(name, account.type, capabilities),
    );
    return ExitCode.ok;
  },
};
