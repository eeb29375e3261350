import { type CliCommand, globalOptionHelp } from './command';
import { commands } from './command-list';
import { ExitCode } from './exit-codes';
import { table } from './format-human';

const exitCodeHelp = [
  [String(ExitCode.ok), 'success'],
  [
    String(ExitCode.operationFailed),
    'the provider or operation refused (not found, rejected, auth, unsupported, …)',
  ],
  [String(ExitCode.usage), 'usage, config or input error: nothing was sent'],
  [
    String(ExitCode.temporaryFailure),
    'temporary failure (network, timeout, rate limit, unavailable): retry later',
  ],
  [String(ExitCode.ambiguousOutcome), 'ambiguous outcome: look the object up before retrying'],
  [String(ExitCode.waitTimedOut), '--wait timed out before the object settled'],
  [String(ExitCode.internal), 'internal error (a bug: please report it)'],
] as const;

const synopsis = (command: CliCommand) =>
  [...command.path, ...(command.positionals ?? []).map((name) => `<${name}>`)].join(' ');

/** `paymux --help`. */
export function mainHelp(): string {
  return [
    'paymux — one command line over Defexa, ForumPay, Finrax, DePay and any paymux adapter',
    '',
    'Usage: paymux <command> [options]',
    '',
    'Commands:',
    table(commands.map((command) => [synopsis(command), command.summary])),
    '',
    'Global options:',
    table(globalOptionHelp),
    '',
    'Exit codes:',
    table(exitCodeHelp),
    '',
    'Run `paymux <command> --help` for the options of a command.',
  ].join('\n');
}

/** `paymux payments --help`: the commands of one group. */
export function groupHelp(group: string): string {
  const members = commands.filter((command) => command.path[0] === group);
  return [
    `Usage: paymux ${group} <command> [options]`,
    '',
    'Commands:',
    table(members.map((command) => [command.path.join(' '), command.summary])),
    '',
    `Run \`paymux ${group} <command> --help\` for its options.`,
  ].join('\n');
}

/** `paymux payments create --help`. */
export function commandHelp(command: CliCommand): string {
  return [
    `paymux ${command.path.join(' ')} — ${command.summary}`,
    '',
    `Usage: paymux ${command.usage}`,
    ...(command.optionHelp.length > 0 ? ['', 'Options:', table(command.optionHelp)] : []),
    '',
    'Global options:',
    table(globalOptionHelp),
    ...(command.examples?.length
      ? ['', 'Examples:', ...command.examples.map((example) => `  ${example}`)]
      : []),
  ].join('\n');
}
