import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type OptionValues, stringOption } from './command';
import { UsageError } from './usage-error';

/** A required string option, or a usage error naming it. */
export function requireOption(values: OptionValues, name: string, command: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value === '') throw new UsageError(`Missing --${name}`, command);
  return value;
}

/**
 * `--data`: a JSON object inline (`'{"description":"…"}'`) or from a file (`@input.json`), the
 * full operation input; the other options override its fields.
 */
export async function readDataOption(
  values: OptionValues,
  cwd: string,
  command: string,
): Promise<Record<string, unknown>> {
  const data = stringOption(values, 'data');
  if (data === undefined) return {};
  let text = data;
  if (data.startsWith('@')) {
    const path = resolve(cwd, data.slice(1));
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read --data file ${path}: ${(error as Error).message}`, command);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--data is not valid JSON: ${(error as Error).message}`, command);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError('--data must be a JSON object', command);
  }
  return parsed as Record<string, unknown>;
}

/** `--metadata key=value` (repeatable) as a record. */
export function metadataOption(values: OptionValues, command: string): Record<string, string> | undefined {
  const entries = values.metadata;
  if (!Array.isArray(entries) || entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map((entry) => {
      const at = entry.indexOf('=');
      if (at < 1) throw new UsageError(`--metadata must be key=value, got "${entry}"`, command);
      return [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );
}

/** A positive number of seconds (`--timeout 30`, `--interval 0.5`) in milliseconds. */
export function secondsOption(
  values: OptionValues,
  name: string,
  fallbackSeconds: number,
  command: string,
): number {
  const raw = stringOption(values, name);
  if (raw === undefined) return fallbackSeconds * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--${name} must be a positive number of seconds, got "${raw}"`, command);
  }
  return Math.round(seconds * 1000);
}

/** An integer option within bounds (`--port`, `--expires-in`). */
export function integerOption(
  values: OptionValues,
  name: string,
  bounds: { min: number; max: number },
  command: string,
): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < bounds.min || value > bounds.max) {
    throw new UsageError(
      `--${name} must be an integer from ${bounds.min} to ${bounds.max}, got "${raw}"`,
      command,
    );
  }
  return value;
}

/** The object without its `undefined` fields, so options not given do not override `--data`. */
export function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/**
 * `--amount`: a plain decimal string (`25.00`), checked here so a typo is a usage error with a
 * clear message (core's `positiveDecimalStringSchema` throws a RangeError on non-numeric text).
 */
export function amountOption(values: OptionValues, command: string): string | undefined {
  const raw = stringOption(values, 'amount');
  if (raw !== undefined && !/^\d+(\.\d+)?$/.test(raw)) {
    throw new UsageError(`--amount must be a decimal number such as 25.00, got "${raw}"`, command);
  }
  return raw;
}

/** `--wait`, `--timeout` and `--interval`, checked before anything is sent. */
export interface WaitSettings {
  enabled: boolean;
  intervalMs: number;
  timeoutMs: number;
}

export function waitSettings(values: OptionValues, command: string): WaitSettings {
  return {
    enabled: values.wait === true,
    intervalMs: secondsOption(values, 'interval', 2, command),
    timeoutMs: secondsOption(values, 'timeout', 300, command),
  };
}
