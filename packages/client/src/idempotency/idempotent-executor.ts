import { AmbiguousOutcomeError, type Logger, type OperationName, ValidationError } from '@paymux/core';
import { isCertainNonCreation } from '../routing/router';
import type { IdempotencyRecord, Store } from '@paymux/core';
import { mayHaveTakenEffect } from './failure-kinds';

/** What a lookup by reference found out about an earlier ambiguous call. */
export type ReconcileResult<T> = { found: T } | { notFound: true } | undefined;

/** One mutating call, as the executor needs it. */
export interface IdempotentCall<T> {
  operation: OperationName;
  /** The record key: from the caller's idempotency key, or derived from operation and reference. */
  recordKey: string;
  fingerprint: string;
  reference?: string | undefined;
  subjectId?: string | undefined;
  /** Accounts to try in order; later ones only after a certain non-creation. */
  candidates: readonly string[];
  /** The idempotency key to send to one account. */
  providerKeyFor(account: string): string;
  call(account: string, providerKey: string): Promise<T>;
  /** Looks the reference up after an ambiguous outcome; `undefined` when the provider cannot tell. */
  reconcile?(account: string, record: IdempotencyRecord): Promise<ReconcileResult<T>>;
  /** Whether sending again to `account` (same key) is safe once a lookup found nothing. */
  resendWhenNotFound(account: string): boolean;
  /** Whether sending again to `account` (same key) is safe when no lookup is possible. */
  resendWhenUnknown(account: string): boolean;
}

export interface IdempotencyOptions {
  pendingWaitMs?: number | undefined;
  staleAfterMs?: number | undefined;
  /** Called when a lookup settled a record, with what it found (to remember created objects). */
  onSettled?: ((record: IdempotencyRecord, result: unknown) => Promise<void>) | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs mutating calls at most once per idempotency key: a repeat with the same input returns the
 * stored result, a concurrent duplicate waits for the first, the same key with another input is a
 * `ValidationError`, and a call left ambiguous is reconciled by reference before anything is sent
 * again.
 */
export class IdempotentExecutor {
  private readonly inFlight = new Map<string, { fingerprint: string; promise: Promise<unknown> }>();
  /** Keys whose leftover record crash recovery is looking up right now. */
  private readonly recovering = new Map<string, Promise<void>>();
  private readonly pendingWaitMs: number;
  private readonly staleAfterMs: number;
  private readonly onSettled: IdempotencyOptions['onSettled'];
  /**
   * When this client started (ISO 8601): a record still pending that started earlier was left by
   * another process, perhaps one that crashed.
   */
  readonly startedAt: string;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => Date,
    options: IdempotencyOptions = {},
  ) {
    this.pendingWaitMs = options.pendingWaitMs ?? 30_000;
    this.staleAfterMs = options.staleAfterMs ?? 300_000;
    this.onSettled = options.onSettled;
    this.startedAt = now().toISOString();
  }

  /**
   * Runs `work` (crash recovery's lookup of a leftover record) unless a call with this key is
   * running in this client; a call with the key arriving meanwhile waits for it. False when skipped.
   */
  async recover(key: string, work: () => Promise<void>): Promise<boolean> {
    if (this.inFlight.has(key) || this.recovering.has(key)) return false;
    const running = work();
    this.recovering.set(key, running);
    try {
      await running;
    } finally {
      this.recovering.delete(key);
    }
    return true;
  }

  /**
   * Marks `record` succeeded with what a lookup `found`, unless it was settled meanwhile (then
   * the stored result wins), and reports it to `onSettled`.
   */
  async settle<T>(record: IdempotencyRecord, found: T): Promise<T> {
    const current = await this.store.getIdempotencyRecord(record.key);
    if (current?.state === 'succeeded') return current.result as T;
    await this.store.updateIdempotencyRecord({
      ...record,
      state: 'succeeded',
      result: found,
      updatedAt: this.stamp(),
    });
    await this.onSettled?.(record, found).catch((error: unknown) => {
      this.logger.error('paymux could not remember a created object', {
        operation: record.operation,
        error: String(error),
      });
    });
    return found;
  }

  /** Runs `spec` (or joins the identical call already running) and returns its result. */
  run<T>(spec: IdempotentCall<T>): Promise<T> {
    // Checked and set with no await in between, so concurrent duplicates in this process join.
    const running = this.inFlight.get(spec.recordKey);
    if (running) {
      if (running.fingerprint !== spec.fingerprint) return Promise.reject(this.conflict(spec));
      return running.promise.then((result) => structuredClone(result) as T);
    }
    const promise = this.runOnce(spec);
    this.inFlight.set(spec.recordKey, { fingerprint: spec.fingerprint, promise });
    const forget = () => this.inFlight.delete(spec.recordKey);
    promise.then(forget, forget);
    return promise;
  }

  private async runOnce<T>(spec: IdempotentCall<T>): Promise<T> {
    await this.recovering.get(spec.recordKey)?.catch(() => undefined);
    const waitUntil = Date.now() + this.pendingWaitMs;
    let leftoverChecked = false;
    for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
      const at = this.now().toISOString();
      const fresh: IdempotencyRecord = {
        key: spec.recordKey,
        operation: spec.operation,
        fingerprint: spec.fingerprint,
        providerKey: '',
        state: 'pending',
        reference: spec.reference,
        subjectId: spec.subjectId,
        startedAt: at,
        updatedAt: at,
      };
      const existing = await this.store.createIdempotencyRecord(fresh);
      if (!existing) return this.execute(spec, fresh, spec.candidates);
      if (existing.fingerprint !== spec.fingerprint) throw this.conflict(spec);
      if (existing.state === 'succeeded') return existing.result as T;
      if (existing.state === 'ambiguous') return this.reconcile(spec, existing);
      if (this.now().getTime() - Date.parse(existing.startedAt) > this.staleAfterMs) {
        // The instance that started it is gone: what it did is unknown.
        return this.reconcile(spec, { ...existing, state: 'ambiguous' });
      }
      if (!leftoverChecked && existing.startedAt < this.startedAt) {
        // Left by an earlier process, which may have crashed after the provider created the
        // object: if a lookup finds it, that is the answer. Finding nothing proves nothing (the
        // other process may still be running), so the wait goes on.
        leftoverChecked = true;
        const found = await this.findLeftover(spec, existing);
        if (found) return found.result;
      }
      if (Date.now() >= waitUntil) {
        throw new AmbiguousOutcomeError(
          `${spec.operation} with this idempotency key is still running elsewhere; retry later with the same key`,
          { operation: spec.operation, reference: spec.reference, provider: existing.account },
        );
      }
      await sleep(delay);
    }
  }

  /** Sends the call, trying fallback candidates only after a certain non-creation. */
  private async execute<T>(
    spec: IdempotentCall<T>,
    started: IdempotencyRecord,
    candidates: readonly string[],
  ): Promise<T> {
    let record = started;
    for (const [index, account] of candidates.entries()) {
      record = { ...record, account, providerKey: spec.providerKeyFor(account), updatedAt: this.stamp() };
      await this.store.updateIdempotencyRecord(record);
      try {
        const result = await spec.call(account, record.providerKey);
        await this.store.updateIdempotencyRecord({
          ...record,
          state: 'succeeded',
          result,
          updatedAt: this.stamp(),
        });
        return result;
      } catch (error) {
        if (isCertainNonCreation(error) && index < candidates.length - 1) {
          this.logger.warn('paymux fallback', {
            operation: spec.operation,
            from: account,
            error: String(error),
          });
          continue;
        }
        if (mayHaveTakenEffect(error)) {
          await this.store.updateIdempotencyRecord({
            ...record,
            state: 'ambiguous',
            updatedAt: this.stamp(),
          });
        } else {
          await this.store.deleteIdempotencyRecord(record.key);
        }
        throw error;
      }
    }
    await this.store.deleteIdempotencyRecord(record.key);
    throw new AmbiguousOutcomeError(`${spec.operation} had no account to run on`, {
      operation: spec.operation,
    });
  }

  /** Settles an earlier ambiguous call: return what the provider has, resend only when safe. */
  private async reconcile<T>(spec: IdempotentCall<T>, record: IdempotencyRecord): Promise<T> {
    const account = record.account ?? spec.candidates[0];
    if (account === undefined) return this.execute(spec, record, spec.candidates);
    const lookup = spec.reconcile ? await spec.reconcile(account, record) : undefined;
    if (lookup && 'found' in lookup) return this.settle(record, lookup.found);
    const safe = lookup ? spec.resendWhenNotFound(account) : spec.resendWhenUnknown(account);
    if (!safe) {
      throw new AmbiguousOutcomeError(
        `An earlier ${spec.operation} with this idempotency key may or may not have been carried out by ${account}, and looking it up could not settle it. Check the provider's dashboard before trying again.`,
        { operation: spec.operation, reference: record.reference, provider: account },
      );
    }
    // Same account, same provider key: the provider sees a retry, not a new request.
    const retry = { ...record, state: 'pending' as const, updatedAt: this.stamp() };
    return this.execute(spec, retry, [account]);
  }

  /**
   * Settles a pending record another process left, when that is safe whoever the process was: a
   * lookup that finds the object, or, where no lookup can tell, a resend with the same key to a
   * provider that deduplicates it. Finding nothing settles nothing; a failed lookup is logged.
   */
  private async findLeftover<T>(
    spec: IdempotentCall<T>,
    record: IdempotencyRecord,
  ): Promise<{ result: T } | undefined> {
    const account = record.account;
    if (account === undefined) return undefined;
    let lookup: ReconcileResult<T>;
    try {
      lookup = spec.reconcile ? await spec.reconcile(account, record) : undefined;
    } catch (error) {
      this.logger.warn('paymux could not look up a call left pending by another process', {
        operation: spec.operation,
        account,
        error: String(error),
      });
      return undefined;
    }
    if (lookup && 'found' in lookup) return { result: await this.settle(record, lookup.found) };
    if (lookup === undefined && spec.resendWhenUnknown(account)) {
      const retry = { ...record, state: 'pending' as const, updatedAt: this.stamp() };
      return { result: await this.execute(spec, retry, [account]) };
    }
    return undefined;
  }

  private conflict(spec: IdempotentCall<unknown>): ValidationError {
    return new ValidationError(
      `${spec.operation}: this idempotency key was already used with different input; use a new key (or reference) for a different request`,
      { field: 'idempotencyKey', operation: spec.operation, reference: spec.reference },
    );
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}
