import { parseArgs } from 'node:util';
import { PaymuxError } from '@paymux/core';
import type { CliIo } from './cli-io';
import {
  type CliCommand,
  type CommandContext,
  globalOptions,
  type OptionValues,
  stringOption,
} from './command';
import { commands, groupDefaults } from './command-list';
import { ExitCode, exitCodeFor } from './exit-codes';
import { commandHelp, groupHelp, mainHelp } from './help-text';
import { type CliClient, loadCliClient } from './load-cli-client';
import { Progress } from './progress';
import { UsageError } from './usage-error';
import { cliVersion } from './version';

const groups = new Set(commands.map((command) => command.path[0]));

/** Options followed by a value (`--account main`): their value is not a command word. */
const valueOptions = new Set(
  [globalOptions, ...commands.map((command) => command.options)].flatMap((options) =>
    Object.entries(options)
      .filter(([, option]) => option.type === 'string')
      .flatMap(([name, option]) => [
        `--${name}`,
        ...('short' in option && option.short ? [`-${option.short}`] : []),
      ]),
  ),
);

/** The command named by the leading words of `argv`, and the arguments left for it. */
function selectCommand(argv: readonly string[]): { command?: CliCommand; group?: string; rest: string[] } {
  const words: { word: string; index: number }[] = [];
  for (let index = 0; index < argv.length && words.length < 2; index++) {
    const token = argv[index]!;
    if (token === '--') break;
    if (valueOptions.has(token)) index++;
    else if (!token.startsWith('-')) words.push({ word: token, index });
  }
  const [first, second] = words;
  if (first === undefined || !groups.has(first.word)) {
    if (first !== undefined) throw new UsageError(`Unknown command "${first.word}"`);
    return { rest: [...argv] };
  }
  const without = (...used: { index: number }[]) =>
    argv.filter((_, index) => !used.some((word) => word.index === index));
  const single = commands.find((command) => command.path.length === 1 && command.path[0] === first.word);
  if (single) return { command: single, rest: without(first) };
  const byName =
    second && commands.find((command) => command.path[0] === first.word && command.path[1] === second.word);
  if (byName) return { command: byName, rest: without(first, second!) };
  const fallback = groupDefaults[first.word];
  const defaultCommand =
    fallback && commands.find((command) => command.path[0] === first.word && command.path[1] === fallback);
  if (defaultCommand && second === undefined) return { command: defaultCommand, rest: without(first) };
  if (second !== undefined)
    throw new UsageError(`Unknown command "${first.word} ${second.word}"`, first.word);
  return { group: first.word, rest: without(first) };
}

function parseCommandLine(command: CliCommand, argv: string[]) {
  const name = command.path.join(' ');
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.split('. To specify')[0] ?? 'Invalid arguments', name);
  }
}

function printError(error: unknown, io: CliIo, json: boolean): void {
  const help =
    error instanceof UsageError
      ? `Run \`paymux ${error.command ? `${error.command} ` : ''}--help\` for usage.`
      : undefined;
  if (json) {
    const body = PaymuxError.is(error)
      ? error.toJSON()
      : {
          name: error instanceof Error ? error.name : 'Error',
          message: error instanceof Error ? error.message : String(error),
        };
    io.stdout.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`Error: ${message}`];
  if (PaymuxError.is(error)) {
    const facts = [
      `code ${error.code}`,
      error.provider && `account ${error.provider}`,
      error.httpStatus && `HTTP ${error.httpStatus}`,
      error.providerCode && `provider code ${error.providerCode}`,
      error.requestId && `request ${error.requestId}`,
      (error as { retryAfter?: number }).retryAfter !== undefined &&
        `retry after ${(error as { retryAfter?: number }).retryAfter} s`,
    ].filter(Boolean);
    lines.push(`  ${facts.join(', ')}`);
    for (const issue of error.issues ?? []) lines.push(`  ${issue.path}: ${issue.message}`);
  }
  if (help) lines.push(help);
  io.stderr.write(`${lines.join('\n')}\n`);
}

/**
 * Runs one `paymux` command line and resolves to its exit code; never throws and never exits the
 * process, so tests run commands in-process. `main` is `process.exitCode = await runCli(argv, io)`.
 *
 * @example
 * const code = await runCli(['payments', 'get', 'pay_1', '--account', 'main', '--json'], {
 *   stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(),
 * });
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const progress = new Progress(io.stderr, !argv.includes('--quiet') && !argv.includes('-q'));
  try {
    if (argv.includes('--version') || argv[0] === '-v') {
      io.stdout.write(json ? `${JSON.stringify({ version: cliVersion })}\n` : `paymux ${cliVersion}\n`);
      return ExitCode.ok;
    }
    const { command, group, rest } = selectCommand(argv);
    if (command === undefined) {
      const { values } = parseArgs({ args: rest, options: globalOptions, strict: false });
      if (group === undefined && !values.help && rest.length > 0) {
        throw new UsageError(`Unknown option ${rest.find((token) => token.startsWith('-')) ?? rest[0]}`);
      }
      // Help asked for is a success; help shown because no command was given is a usage error.
      io.stdout.write(`${group ? groupHelp(group) : mainHelp()}\n`);
      return values.help ? ExitCode.ok : ExitCode.usage;
    }
    const { values, positionals } = parseCommandLine(command, rest);
    const name = command.path.join(' ');
    if (values.help) {
      io.stdout.write(`${commandHelp(command)}\n`);
      return ExitCode.ok;
    }
    const expected = command.positionals ?? [];
    if (positionals.length < expected.length)
      throw new UsageError(`Missing <${expected[positionals.length]}>`, name);
    if (positionals.length > expected.length) {
      throw new UsageError(`Unexpected argument "${positionals[expected.length]}"`, name);
    }
    // Every client a command builds is closed when it ends, so the store is flushed and released.
    const opened: CliClient[] = [];
    const context: CommandContext = {
      values,
      positionals,
      io,
      json,
      progress,
      output: (value, human) => io.stdout.write(`${json ? JSON.stringify(value, null, 2) : human}\n`),
      client: async (logger) => {
        progress.start('Loading config and provider plugins');
        const client = await loadCliClient(stringOption(values, 'config'), io, logger);
        opened.push(client);
        progress.stop();
        return client;
      },
    };
    try {
      return await command.run(context);
    } finally {
      for (const client of opened) await client.paymux.close();
    }
  } catch (error) {
    progress.stop();
    printError(error, io, json);
    return exitCodeFor(error);
  }
}
