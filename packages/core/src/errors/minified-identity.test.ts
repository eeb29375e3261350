import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorClasses } from './error-classes';

// esbuild comes with tsup (the build tool), so the test bundles exactly as a user's bundler would.
const esbuild = createRequire(createRequire(import.meta.url).resolve('tsup'))('esbuild') as {
  build(options: Record<string, unknown>): Promise<unknown>;
};
const errorsModule = fileURLToPath(new URL('./error-classes.ts', import.meta.url));
const names = Object.keys(errorClasses);

/**
 * A program that builds one error of every class with its own copy of paymux's errors and answers,
 * for every pair, whether `Class.is(error)` holds. `copy` tags the copy so that two bundles can
 * check each other's errors, as two minified copies of paymux in one application would.
 */
function programSource(copy: string): string {
  return `
import { errorClasses } from ${JSON.stringify(errorsModule)};
const make = (Class) => Class === errorClasses.PaymuxError
  ? new Class('internal_error', 'boom')
  : new Class('boom');
const mine = Object.fromEntries(Object.entries(errorClasses).map(([name, Class]) => [name, make(Class)]));
globalThis.__paymuxCopies = { ...globalThis.__paymuxCopies, ${JSON.stringify(copy)}: { classes: errorClasses, errors: mine } };
`;
}

const execFileAsync = promisify(execFile);
let dir: string;
let verdicts: Record<string, Record<string, Record<string, boolean>>>;
let minifiedNames: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paymux-minified-'));
  for (const copy of ['a', 'b']) {
    const source = path.join(dir, `${copy}.entry.mjs`);
    await writeFile(source, programSource(copy));
    await esbuild.build({
      entryPoints: [source],
      outfile: path.join(dir, `${copy}.bundle.mjs`),
      bundle: true,
      format: 'esm',
      platform: 'node',
      minify: true,
      keepNames: false,
      logLevel: 'silent',
    });
  }
  const checker = path.join(dir, 'check.mjs');
  await writeFile(
    checker,
    `
await import('./a.bundle.mjs');
await import('./b.bundle.mjs');
const { a, b } = globalThis.__paymuxCopies;
const verdicts = {};
for (const [checkerCopy, thrower] of [['a', a], ['b', a], ['a', b]]) {
  const key = checkerCopy + (thrower === a ? 'a' : 'b');
  const classes = globalThis.__paymuxCopies[checkerCopy].classes;
  verdicts[key] = {};
  for (const [className, Class] of Object.entries(classes)) {
    verdicts[key][className] = {};
    for (const [errorName, error] of Object.entries(thrower.errors)) verdicts[key][className][errorName] = Class.is(error);
  }
}
const minifiedNames = Object.values(a.classes).map((Class) => Class.name);
process.stdout.write(JSON.stringify({ verdicts, minifiedNames }));
`,
  );
  const { stdout } = await execFileAsync(process.execPath, [checker]);
  ({ verdicts, minifiedNames } = JSON.parse(stdout));
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Whether `child` is `parent` or one of its subclasses, from the unminified classes. */
function extendsClass(child: string, parent: string): boolean {
  const Parent = errorClasses[parent as keyof typeof errorClasses];
  const Child = errorClasses[child as keyof typeof errorClasses];
  return Child === Parent || Child.prototype instanceof Parent;
}

describe('error identity in a minified bundle', () => {
  it('the bundles really lost the class names', () => {
    expect(minifiedNames.filter((name) => names.includes(name))).toEqual([]);
  });

  it.each([
    ['the same copy', 'aa'],
    ['another copy checking', 'ba'],
    ['another copy thrown', 'ab'],
  ])('Class.is(error) holds exactly for the class and its parents (%s)', (_, key) => {
    const table = verdicts[key]!;
    for (const className of names) {
      for (const errorName of names) {
        expect({ className, errorName, is: table[className]![errorName] }).toEqual({
          className,
          errorName,
          is: extendsClass(errorName, className),
        });
      }
    }
  });
});
