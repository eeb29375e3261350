import { createPaymux } from '@paymux/client';
import { plugin as finrax } from '@paymux/finrax';
import { createBareFinraxGet } from './bare-finrax-get';
import { sampleCalls, sampleSideBySide } from './latency-sampler';
import { startSandboxProcess } from './sandbox-process';
import { type LatencySummary, summarizeNanoseconds } from './stats';
import { formatNumber, formatRatio, formatTable, verdict } from './table';

/** Target: paymux adds at most this many µs per call at p50. */
export const ADDED_P50_TARGET_US = 200;

/** Latency percentiles, throughput and client CPU time per call of one side. */
export type SideSummary = LatencySummary & { callsPerSecond: number; cpuUsPerCall: number };

/** One load level of the provider-call benchmark. */
export interface ProviderCallRow {
  concurrency: number;
  bare: SideSummary;
  paymux: SideSummary;
  addedP50Us: number;
  addedP99Us: number;
  /** Client CPU time paymux adds per call (µs): less noisy than latency on a shared machine. */
  addedCpuUs: number;
}

export interface ProviderCallOptions {
  warmupCalls: number;
  rounds: number;
  /** Calls per side and round, per concurrency level. */
  callsPerRound: Record<number, number>;
}

export const defaultProviderCallOptions: ProviderCallOptions = {
  warmupCalls: 2000,
  rounds: 10,
  callsPerRound: { 1: 500, 16: 1500 },
};

/**
 * `paymux.getPayment` on a Finrax account against the sandbox (in a child process, over loopback)
 * vs a bare keep-alive `http.request` of the same endpoint with the same authentication, measured
 * in alternating blocks in one run. Finrax, because its read needs nothing but a created payment
 * and it publishes no rate limits, so neither side waits on a limiter.
 */
export async function runProviderCallBench(
  options: ProviderCallOptions = defaultProviderCallOptions,
): Promise<ProviderCallRow[]> {
  const sandbox = await startSandboxProcess();
  const { baseUrl, apiKey, apiSecret, businessId } = sandbox.providers.finrax;
  const bare = createBareFinraxGet({ baseUrl, apiKey, apiSecret });
  try {
    const paymux = createPaymux({
      plugins: [finrax],
      providers: { main: { type: 'finrax', baseUrl, apiKey, apiSecret, businessId } },
      routing: { default: 'main' },
    });
    const created = await paymux.createPayment({
      reference: 'bench-provider-call',
      amount: { amount: '50.00', currency: 'EUR' },
    });
    const paymentId = created.id;
    const bareBody = (await bare.get(paymentId)) as { paymentId?: unknown };
    const viaPaymux = await paymux.getPayment(paymentId, { account: 'main' });
    if (viaPaymux.id !== paymentId || typeof bareBody.paymentId !== 'string') {
      throw new Error('provider-call bench: paymux and the bare request did not read the same payment');
    }
    const sides = {
      baseline: () => bare.get(paymentId),
      candidate: () => paymux.getPayment(paymentId, { account: 'main' }),
    };
    // Warm-up: JIT, sockets in the keep-alive pools, the sandbox's own code paths.
    await sampleCalls(sides.baseline, options.warmupCalls, 16);
    await sampleCalls(sides.candidate, options.warmupCalls, 16);

    const rows: ProviderCallRow[] = [];
    for (const [level, callsPerRound] of Object.entries(options.callsPerRound)) {
      const concurrency = Number(level);
      const run = await sampleSideBySide(sides, { rounds: options.rounds, callsPerRound, concurrency });
      const summarize = (side: typeof run.baseline) => ({
        ...summarizeNanoseconds(side.samples),
        callsPerSecond: side.samples.length / (side.elapsedNs / 1e9),
        cpuUsPerCall: side.cpuMicros / side.samples.length,
      });
      const bareSummary = summarize(run.baseline);
      const paymuxSummary = summarize(run.candidate);
      rows.push({
        concurrency,
        bare: bareSummary,
        paymux: paymuxSummary,
        addedP50Us: paymuxSummary.p50 - bareSummary.p50,
        addedP99Us: paymuxSummary.p99 - bareSummary.p99,
        addedCpuUs: paymuxSummary.cpuUsPerCall - bareSummary.cpuUsPerCall,
      });
    }
    return rows;
  } finally {
    bare.close();
    await sandbox.close();
  }
}

/** The table and verdict printed by `pnpm bench`. */
export function formatProviderCallReport(rows: readonly ProviderCallRow[]): string {
  const us = (value: number) => `${formatNumber(value)} µs`;
  const table = formatTable([
    ['in flight', 'side', 'p50', 'p90', 'p99', 'calls/s', 'client CPU/call', 'calls'],
    ...rows.flatMap((row) => [
      [
        String(row.concurrency),
        'bare http.request',
        us(row.bare.p50),
        us(row.bare.p90),
        us(row.bare.p99),
        formatNumber(row.bare.callsPerSecond, 0),
        us(row.bare.cpuUsPerCall),
        String(row.bare.count),
      ],
      [
        String(row.concurrency),
        'paymux.getPayment',
        us(row.paymux.p50),
        us(row.paymux.p90),
        us(row.paymux.p99),
        formatNumber(row.paymux.callsPerSecond, 0),
        us(row.paymux.cpuUsPerCall),
        String(row.paymux.count),
      ],
    ]),
  ]);
  const ratios = formatTable([
    [
      'in flight',
      'added p50',
      'added p99',
      'added CPU/call',
      'p50 ratio',
      'throughput ratio',
      `added p50 ≤ ${ADDED_P50_TARGET_US} µs`,
    ],
    ...rows.map((row) => [
      String(row.concurrency),
      us(row.addedP50Us),
      us(row.addedP99Us),
      us(row.addedCpuUs),
      formatRatio(row.paymux.p50 / row.bare.p50),
      formatRatio(row.paymux.callsPerSecond / row.bare.callsPerSecond),
      verdict(row.addedP50Us <= ADDED_P50_TARGET_US),
    ]),
  ]);
  return `${table}\n\n${ratios}`;
}
