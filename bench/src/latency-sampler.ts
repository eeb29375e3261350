/** One asynchronous call under measurement. */
export type MeasuredCall = () => Promise<unknown>;

/** Latency of every call (ns), the wall time of the whole run (ns) and this process's CPU time (µs). */
export interface SampledRun {
  samples: number[];
  elapsedNs: number;
  /** User + system CPU time of this process during the run: the client's cost, whatever the noise. */
  cpuMicros: number;
}

/**
 * Runs `total` calls, `concurrency` at a time (1: strictly one after the other), and records each
 * call's latency. With several in flight, each worker starts its next call as soon as its last
 * one finished, so `concurrency` calls are always outstanding.
 */
export async function sampleCalls(
  call: MeasuredCall,
  total: number,
  concurrency: number,
): Promise<SampledRun> {
  const samples = new Array<number>(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const started = process.hrtime.bigint();
      await call();
      samples[index] = Number(process.hrtime.bigint() - started);
    }
  };
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const elapsedNs = Number(process.hrtime.bigint() - started);
  const cpu = process.cpuUsage(cpuBefore);
  return { samples, elapsedNs, cpuMicros: cpu.user + cpu.system };
}

/**
 * Measures two calls side by side in alternating blocks (A B, B A, A B, …), so drift in a noisy
 * machine's speed during the run affects both sides alike. Returns every sample of each side and
 * their summed wall and CPU times.
 */
export async function sampleSideBySide(
  sides: { baseline: MeasuredCall; candidate: MeasuredCall },
  options: { rounds: number; callsPerRound: number; concurrency: number },
): Promise<{ baseline: SampledRun; candidate: SampledRun }> {
  const result = {
    baseline: { samples: [] as number[], elapsedNs: 0, cpuMicros: 0 },
    candidate: { samples: [] as number[], elapsedNs: 0, cpuMicros: 0 },
  };
  for (let round = 0; round < options.rounds; round++) {
    const order =
      round % 2 === 0 ? (['baseline', 'candidate'] as const) : (['candidate', 'baseline'] as const);
    for (const side of order) {
      const run = await sampleCalls(sides[side], options.callsPerRound, options.concurrency);
      result[side].samples.push(...run.samples);
      result[side].elapsedNs += run.elapsedNs;
      result[side].cpuMicros += run.cpuMicros;
    }
  }
  return result;
}
