import { inspect } from 'node:util';
import type { CapturedLogLine } from './conformance-harness';

/** Something the suite saw and that must not hold a secret, with where it came from. */
export interface Exposure {
  label: string;
  value: unknown;
}

/** JSON that never throws: bigints become strings, cycles are cut. */
export function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, item: unknown) => {
        if (typeof item === 'bigint') return item.toString();
        if (typeof item === 'object' && item !== null) {
          if (seen.has(item)) return '[Circular]';
          seen.add(item);
        }
        return item;
      }) ?? String(value)
    );
  } catch (error) {
    return `[unserialisable: ${(error as Error).message}]`;
  }
}

/** Every text form under which `value` could reach a log, a response or a screen. */
function renderings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  const forms = [safeJson(value), inspect(value, { depth: 10 })];
  if (value instanceof Error) forms.push(value.message, String(value.stack ?? ''));
  return forms;
}

/** The exposures of captured log lines: the message, and the fields as JSON and as inspected. */
export function logExposures(logs: readonly CapturedLogLine[]): Exposure[] {
  return logs.map((line, index) => ({
    label: `log line ${index + 1} (${line.level} "${line.message}")`,
    value: { message: line.message, fields: line.fields },
  }));
}

/**
 * Lists every exposure that contains one of `secrets`, naming the place and the secret's first
 * characters only (the failure message itself must not print the secret in full).
 */
export function findSecretLeaks(secrets: readonly string[], exposures: readonly Exposure[]): string[] {
  const leaks: string[] = [];
  for (const exposure of exposures) {
    const texts = renderings(exposure.value);
    for (const secret of secrets) {
      if (secret.length === 0) continue;
      if (texts.some((text) => text.includes(secret))) {
        leaks.push(`${exposure.label} contains the secret "${secret.slice(0, 3)}…"`);
      }
    }
  }
  return leaks;
}
