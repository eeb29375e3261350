import { ConfigurationError, type ValidationIssue } from '@paymux/core';
import type { z } from 'zod';

/**
 * zod's wording for a missing key ("expected string, received undefined") is replaced by the
 * plainer `Required`, so a config error reads `providers.main.apiKey: Required`.
 */
export const configErrorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined;

/** Dotted paths and messages of zod issues; an unknown key gets its own path. */
export function issuesAt(
  prefix: readonly PropertyKey[],
  issues: readonly z.core.$ZodIssue[],
): ValidationIssue[] {
  const result: ValidationIssue[] = [];
  for (const issue of issues) {
    const base = [...prefix, ...issue.path].map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) result.push({ path: [...base, key].join('.'), message: 'Unknown key' });
    } else {
      result.push({ path: base.join('.') || '(config)', message: issue.message });
    }
  }
  return result;
}

/** One `ConfigurationError` listing every issue as `path: message`. */
export function configurationError(issues: readonly ValidationIssue[]): ConfigurationError {
  const lines = issues.map((issue) => `${issue.path}: ${issue.message}`);
  const shown = lines.slice(0, 5).join('; ');
  const more = lines.length > 5 ? ` (and ${lines.length - 5} more)` : '';
  return new ConfigurationError(`Invalid paymux config: ${shown}${more}`, {
    field: issues[0]?.path,
    issues: [...issues],
  });
}
