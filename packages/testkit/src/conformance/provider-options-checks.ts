import { ValidationError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/** Calls one operation with `options` as its `providerOptions.<type>`. */
export type ProviderOptionsCall = (options: Record<string, unknown>) => Promise<unknown>;

export interface ProviderOptionsChecksInput {
  /** The provider's name in test titles, e.g. `'Defexa'`. */
  name: string;
  /** The plug-in type, the key of `providerOptions`: `'defexa'`. */
  type: string;
  /** The plug-in's `providerOptionsSchemas`, which the client types `providerOptions` by. */
  declared: Readonly<Record<string, z.ZodType | undefined>> | undefined;
  /** One call per operation the plug-in declares options for; the keys must be exactly those. */
  calls: Readonly<Record<string, ProviderOptionsCall>>;
}

/** What `call` refused its options with: a `ValidationError`, before any request. */
async function refusal(
  call: ProviderOptionsCall,
  options: Record<string, unknown>,
): Promise<ValidationError> {
  const error = await call(options).catch((caught: unknown) => caught);
  if (!ValidationError.is(error)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error;
}

/**
 * Checks that a plug-in's declared `providerOptionsSchemas` are the schemas its operations parse
 * with at run time: for every declared operation an unknown key is refused and named, and a
 * wrong value of each declared key is refused with the message the declared schema gives. The
 * client types `providerOptions` by the declared schemas, so a drift between the two would type
 * options the adapter refuses (or accept ones the types forbid). Run it with the network closed.
 *
 * @example
 * describeProviderOptionsChecks({
 *   name: 'Acme', type: 'acme', declared: plugin.providerOptionsSchemas,
 *   calls: { createPayment: (acme) => provider.createPayment({ reference: 'o-1', amount, providerOptions: { acme } }) },
 * });
 */
export function describeProviderOptionsChecks(input: ProviderOptionsChecksInput): void {
  const { name, type, calls } = input;
  describe(`the ${name} plugin declares the options schemas its operations parse with`, () => {
    const declared = input.declared ?? {};

    it('is tested for exactly the operations it declares options for', () => {
      expect(input.declared, `the ${name} plugin declares no providerOptionsSchemas`).toBeDefined();
      expect(Object.keys(declared).sort()).toEqual(Object.keys(calls).sort());
    });

    for (const [operation, call] of Object.entries(calls)) {
      it(`${operation} refuses a key its declared schema does not have, naming it`, async () => {
        const error = await refusal(call, { notAnOption: 'x' });
        expect(error.field).toBe(`providerOptions.${type}.notAnOption`);
      });

      it(`${operation} checks every key of its declared schema as that schema does`, async () => {
        const schema = declared[operation];
        expect(schema).toBeInstanceOf(z.ZodObject);
        for (const key of Object.keys((schema as z.ZodObject).shape)) {
          // No option of any schema is an array: a wrong value for each, refused as the declared schema refuses it.
          const options = { [key]: [] };
          const expected = schema?.safeParse(options).error?.issues.find((issue) => issue.path[0] === key);
          const error = await refusal(call, options);
          expect(error.field).toBe(`providerOptions.${type}.${key}`);
          expect(error.issues).toContainEqual({
            path: `providerOptions.${type}.${key}`,
            message: expected?.message,
          });
        }
      });
    }
  });
}
