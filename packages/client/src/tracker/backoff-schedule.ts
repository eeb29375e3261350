/** The parts of the tracker options that shape the polling schedule. */
export interface BackoffSettings {
  firstPollMs: number;
  backoffFactor: number;
  maxIntervalMs: number;
}

/** The interval before poll number `attempt + 1` (0-based), before jitter and load shedding. */
export function backoffInterval(settings: BackoffSettings, attempt: number): number {
  return Math.min(settings.maxIntervalMs, settings.firstPollMs * settings.backoffFactor ** attempt);
}

/**
 * How many polls the schedule would send within `horizonMs`, starting at `attempt`: the demand
 * the tracker weighs against an account's remaining daily quota.
 */
export function plannedPolls(settings: BackoffSettings, attempt: number, horizonMs: number): number {
  let elapsed = 0;
  let polls = 0;
  let step = attempt;
  let interval = backoffInterval(settings, step);
  // The dense phase has a handful of steps (log of max/first); the sparse one is a division.
  while (interval < settings.maxIntervalMs && polls < 64) {
    if (elapsed + interval > horizonMs) return polls;
    elapsed += interval;
    polls += 1;
    step += 1;
    const next = backoffInterval(settings, step);
    if (next === interval) break;
    interval = next;
  }
  return polls + Math.max(0, Math.floor((horizonMs - elapsed) / interval));
}

/** Milliseconds from `nowMs` to the next UTC midnight, when daily quotas start again. */
export function msToUtcMidnight(nowMs: number): number {
  const day = 86_400_000;
  return day - (nowMs % day);
}
