/** How `--wait` polls. */
export interface WaitOptions {
  intervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with every value read (the first one included) and the time since the wait began. */
  onRead?: (value: { status: string }, elapsedMs: number) => void;
  /** The clock (tests pass a fake). */
  now?: () => number;
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
 * reporting each read to `onRead`. Stops early, unsettled, on timeout or abort.
 */
export async function waitForStatus<T extends { status: string }>(
  read: () => Promise<T>,
  waiting: ReadonlySet<string>,
  options: WaitOptions,
  first?: T,
): Promise<WaitResult<T>> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const deadline = startedAt + options.timeoutMs;
  let value = first ?? (await read());
  options.onRead?.(value, now() - startedAt);
  while (waiting.has(value.status)) {
    if (now() >= deadline || options.signal?.aborted) return { value, settled: false };
    await sleep(Math.min(options.intervalMs, Math.max(0, deadline - now())), options.signal);
    if (options.signal?.aborted) return { value, settled: false };
    value = await read();
    options.onRead?.(value, now() - startedAt);
  }
  return { value, settled: true };
}
