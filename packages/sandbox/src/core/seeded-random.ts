/**
 * A small deterministic PRNG (mulberry32), so chaos runs can be replayed with the same seed.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with probability `rate` (0 never, 1 always). */
  chance(rate: number | undefined): boolean {
    if (!rate || rate <= 0) return false;
    return this.next() < rate;
  }

  /** An integer in [0, maxExclusive). */
  below(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
}
