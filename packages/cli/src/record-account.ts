import type { Paymux } from '@paymux/client';
import { UsageError } from './usage-error';

/** What the CLI can look up by id: a payment or a payout. */
export type RecordNoun = 'payment' | 'payout';

/**
 * Id prefixes of the first-party adapters' composite ids (core's `encodeCompositeId`), by the
 * provider type that issues them. Finrax payment ids and DePay ids are the provider's own ids,
 * with no prefix, so any account of those types could hold an unprefixed id.
 */
const idPrefixes: Readonly<Record<RecordNoun, Readonly<Record<string, string>>>> = {
  payment: { dfx: 'defexa', fp: 'forumpay' },
  payout: { dfxpo: 'defexa', frxpayout: 'finrax' },
};

/** Types whose ids of this kind always carry one of the prefixes above. */
const alwaysPrefixed: Readonly<Record<RecordNoun, ReadonlySet<string>>> = {
  payment: new Set(['defexa', 'forumpay']),
  payout: new Set(['defexa', 'finrax']),
};

/** Where the CLI remembers which account created a record, in the config's store. */
const NAMESPACE = 'paymux-cli:record-account';
const storeKey = (noun: RecordNoun, id: string) => `${noun}:${id}`;

/** The accounts that could hold `id`, from its prefix (all of them when it tells nothing). */
export function accountsThatCouldHold(
  noun: RecordNoun,
  id: string,
  accounts: readonly { name: string; type: string }[],
): string[] {
  const prefix = /^([a-z]+)_/.exec(id)?.[1];
  const type = prefix === undefined ? undefined : idPrefixes[noun][prefix];
  return accounts
    .filter((account) =>
      type === undefined ? !alwaysPrefixed[noun].has(account.type) : account.type === type,
    )
    .map((account) => account.name);
}

/** Notes that `account` created the record `id`, so a later `get <id>` needs no `--account`. */
export async function rememberRecordAccount(
  paymux: Paymux,
  noun: RecordNoun,
  id: string,
  account: string,
): Promise<void> {
  await paymux.store.setValue(NAMESPACE, storeKey(noun, id), account);
}

/**
 * The account to read `id` on when `--account` is not given: the only account, the one that
 * created it through this CLI (same store), or the only one whose type issues ids like it.
 * Anything else is a usage error naming the accounts, never a guess.
 */
export async function accountForRecord(paymux: Paymux, noun: RecordNoun, id: string): Promise<string> {
  const accounts = paymux.accounts();
  if (accounts.length === 1) return accounts[0]!.name;
  const remembered = await paymux.store.getValue(NAMESPACE, storeKey(noun, id));
  if (typeof remembered === 'string' && accounts.some((account) => account.name === remembered)) {
    return remembered;
  }
  const candidates = accountsThatCouldHold(noun, id, accounts);
  if (candidates.length === 1) return candidates[0]!;
  const listed = (candidates.length > 0 ? accounts.filter((a) => candidates.includes(a.name)) : accounts)
    .map((account) => `${account.name} (${account.type})`)
    .join(', ');
  throw new UsageError(
    candidates.length > 0
      ? `Cannot tell which account holds ${noun} "${id}": pass --account (it could be on ${listed})`
      : `No configured account issues ${noun} ids like "${id}": pass --account (accounts: ${listed})`,
    `${noun}s get`,
  );
}
