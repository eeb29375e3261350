import type { Progress } from './progress';

/** How `--wait` polls. */
export interface WaitOptions {
  intervalMs: number;
  timeoutMs: number;
  progress: Progress;
  signal?: AbortSignal;
  /** `payment pay_1` in progress lines. */
  label: string;
}

/** The outcome of a wait: the last object read, and whether it settled in time. */
export interface WaitResult<T> {
  value: T;
  settled: boolean;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Reads an object again until its status leaves `waiting` (`requires_payment`, `processing`, …),
 * showing each status change as progress. Stops early, unsettled, on timeout or abort.
 */
export async function waitForStatus<T extends { status: string }>(
  read: () => Promise<T>,
  waiting: ReadonlySet<string>,
  options: WaitOptions,
  first?: T,
): Promise<WaitResult<T>> {
  const deadline = Date.now() + options.timeoutMs;
  let value = first ?? (await read());
  while (waiting.has(value.status)) {
    options.progress.update(`Waiting for ${options.label}: ${value.status}`);
    if (Date.now() >= deadline || options.signal?.aborted) return { value, settled: false };
    await sleep(Math.min(options.intervalMs, Math.max(0, deadline - Date.now())), options.signal);
    if (options.signal?.aborted) return { value, settled: false };
    value = await read();
  }
  return { value, settled: true };
}
