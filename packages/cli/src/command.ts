import type { Logger } from '@paymux/core';
import type { CliIo } from './cli-io';
import type { CliClient } from './load-cli-client';
import type { Progress } from './progress';

/** Option definitions in `node:util` `parseArgs` form. */
export type ParseArgsOptionsConfig = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
>;

/** Parsed option values of one command. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** What a command gets to run with. */
export interface CommandContext {
  values: OptionValues;
  positionals: string[];
  io: CliIo;
  /** `--json`: one JSON document on stdout, nothing else there. */
  json: boolean;
  progress: Progress;
  /** Prints the result: `value` as JSON with `--json`, else `human`. */
  output(value: unknown, human: string): void;
  /** Reads `--config` and builds the client (plugins loaded dynamically). */
  client(logger?: Logger): Promise<CliClient>;
}

/** One `paymux` command. */
export interface CliCommand {
  /** The words that select it: `['payments', 'create']`. */
  path: readonly string[];
  summary: string;
  /** The synopsis after `paymux`, e.g. `payments get <id> [--account <name>]`. */
  usage: string;
  /** Option help lines: `[flag, meaning]`. */
  optionHelp: readonly (readonly [string, string])[];
  /** Examples shown by `--help`. */
  examples?: readonly string[];
  options: ParseArgsOptionsConfig;
  /** Positional argument names, all required. */
  positionals?: readonly string[];
  /** Whether it needs the config file (all but `sandbox`). */
  needsConfig?: boolean;
  /** Returns the exit code; a thrown error is mapped by `exitCodeFor`. */
  run(context: CommandContext): Promise<number>;
}

/** Options every command takes. */
export const globalOptions = {
  config: { type: 'string', short: 'c' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

export const globalOptionHelp = [
  ['-c, --config <file>', 'config file (default ./paymux.config.json)'],
  ['--json', 'print the result as JSON on stdout (errors as {"error": …})'],
  ['-q, --quiet', 'no progress on stderr'],
  ['-h, --help', 'show help'],
  ['-v, --version', 'print the version of paymux'],
] as const;

/** A string option's value, if given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
