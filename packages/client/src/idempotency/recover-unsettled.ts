import type { IdempotencyRecord, Logger, Store } from '@paymux/core';
import type { IdempotentExecutor, ReconcileResult } from './idempotent-executor';

/** What crash recovery did at start. */
export interface RecoverySummary {
  /** Records left unsettled by earlier processes. */
  found: number;
  /** Settled by a lookup that found the object at the provider. */
  settled: number;
  /** Left for the next call with the same key (nothing found, no lookup possible, or it failed). */
  left: number;
}

export interface RecoveryDependencies {
  store: Store;
  executor: IdempotentExecutor;
  logger: Logger;
  /** The lookup that can settle `record`, or undefined when none can (unknown account or operation). */
  lookupFor(record: IdempotencyRecord): (() => Promise<ReconcileResult<unknown>>) | undefined;
}

/**
 * Crash recovery, run once when the client's store opens: every idempotency record an earlier
 * process left `pending` or `ambiguous` (it stopped between sending a call and writing down its
 * result) is looked up at the provider, and settled with what the provider has. A record the
 * lookup does not find is left as it is: its owner may be another instance still running the
 * call, and the next call with the same key decides (it waits, and treats the record as
 * ambiguous once it is `idempotency.staleAfterMs` old). Nothing is ever sent again from here.
 *
 * @example
 * const summary = await recoverUnsettledRecords({ store, executor, logger, lookupFor });
 */
export async function recoverUnsettledRecords(deps: RecoveryDependencies): Promise<RecoverySummary> {
  const records = await deps.store.listUnsettledIdempotencyRecords(deps.executor.startedAt);
  const summary: RecoverySummary = { found: records.length, settled: 0, left: 0 };
  for (const record of records) {
    const lookup = deps.lookupFor(record);
    let settled = false;
    if (lookup) {
      await deps.executor.recover(record.key, async () => {
        try {
          const result = await lookup();
          if (result && 'found' in result) {
            await deps.executor.settle(record, result.found);
            settled = true;
          }
        } catch (error) {
          deps.logger.warn('paymux could not look up a call left unsettled by an earlier process', {
            operation: record.operation,
            account: record.account,
            error: String(error),
          });
        }
      });
    }
    if (settled) {
      summary.settled++;
      deps.logger.info('paymux settled a call left unsettled by an earlier process', {
        operation: record.operation,
        account: record.account,
        reference: record.reference,
      });
    } else {
      summary.left++;
    }
  }
  if (summary.left > 0) {
    deps.logger.warn('paymux found calls left unsettled by an earlier process that no lookup settled', {
      count: summary.left,
      hint: 'the next call with the same idempotency key or reference settles each one',
    });
  }
  return summary;
}
