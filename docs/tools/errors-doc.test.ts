import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorClasses, PaymuxError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { docsDir } from './generated-pages';

type ErrorClassName = keyof typeof errorClasses;

/** A fresh instance of a class, to read its real default `code` and `retryable`. */
function sample(name: ErrorClassName): PaymuxError {
  if (name === 'PaymuxError') return new PaymuxError('internal_error', 'sample');
  const ErrorClass = errorClasses[name] as new (message: string) => PaymuxError;
  return new ErrorClass('sample');
}

/** The text of one `### \`Name\`` section of errors.md, up to the next heading. */
function section(page: string, name: string): string | undefined {
  const heading = `### \`${name}\`\n`;
  const start = page.indexOf(heading);
  if (start === -1) return undefined;
  const rest = page.slice(start + heading.length);
  const end = rest.search(/^#{2,3} /m);
  return end === -1 ? rest : rest.slice(0, end);
}

describe('docs/errors.md', async () => {
  const page = await readFile(join(docsDir, 'errors.md'), 'utf8');
  const names = Object.keys(errorClasses) as ErrorClassName[];

  it.each(names)('documents %s with its real code, retryable default and what to do', (name) => {
    const error = sample(name);
    const text = section(page, name);
    expect(text, `no "### \`${name}\`" section`).toBeDefined();
    expect(text).toContain(`**code** \`${error.code}\` · **retryable** \`${error.retryable}\``);
    expect(text).toContain('**What to do:**');
    expect(page).toMatch(
      new RegExp(`^\\| \`${name}\` \\| \`${error.code}\`.*\\| \`${error.retryable}\``, 'm'),
    );
  });

  it('documents no class that core does not export', () => {
    const documented = [...page.matchAll(/^### `(\w+)`$/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...names].sort());
  });
});
