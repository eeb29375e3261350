import { createPaymux, type Paymux } from '@paymux/client';
import { plugin as finrax } from '@paymux/finrax';
import { type BareFinraxGet, createBareFinraxGetOn } from './bare-finrax-get';
import { type BenchTransportName, benchTransport, benchTransportNames } from './bench-transports';
import { sampleCalls, sampleSideBySide } from './latency-sampler';
import { startSandboxProcess } from './sandbox-process';
import { type LatencySummary, summarizeNanoseconds } from './stats';
import { formatNumber, formatRatio, formatTable, verdict } from './table';

/** Target: paymux adds at most this many µs per call at p50. */
export const ADDED_P50_TARGET_US = 200;
/** Target: with 16 calls in flight, paymux keeps at least this share of the bare throughput. */
export const THROUGHPUT_TARGET = 0.7;

/** Latency percentiles, throughput and client CPU time per call of one side. */
export type SideSummary = LatencySummary & { callsPerSecond: number; cpuUsPerCall: number };

/** One load level of the provider-call benchmark. */
export interface ProviderCallRow {
  /** The transport under paymux's HTTP client (`node` is the default). */
  transport: BenchTransportName;
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
  /** The transports to run the paymux side on, each against its own bare side (default: all). */
  transports?: readonly BenchTransportName[];
}

export const defaultProviderCallOptions: ProviderCallOptions = {
  warmupCalls: 2000,
  rounds: 10,
  callsPerRound: { 1: 500, 16: 1500 },
};

/**
 * `paymux.getPayment` on a Finrax account against the sandbox (in a child process, over loopback)
 * vs a bare keep-alive request of the same endpoint with the same authentication, made with the
 * HTTP client under paymux's transport (`http.request` for the default), measured in alternating
 * blocks in one run. Finrax, because its read needs nothing but a created payment
 * and it publishes no rate limits, so neither side waits on a limiter.
 */
export async function runProviderCallBench(
  options: ProviderCallOptions = defaultProviderCallOptions,
): Promise<ProviderCallRow[]> {
  const sandbox = await startSandboxProcess();
  const { baseUrl, apiKey, apiSecret, businessId } = sandbox.providers.finrax;
  try {
    const clientOn = (name: BenchTransportName) => {
      const transport = benchTransport(name);
      return createPaymux({
        plugins: [finrax],
        // The sandbox forgets its payments when it stops: the state is kept in memory like it.
        store: 'memory:',
        providers: {
          main: {
            type: 'finrax',
            baseUrl,
            apiKey,
            apiSecret,
            businessId,
            ...(transport ? { transport } : {}),
          },
        },
        routing: { default: 'main' },
      });
    };
    const created = await clientOn('node').createPayment({
      reference: 'bench-provider-call',
      amount: { amount: '50.00', currency: 'EUR' },
    });
    // The unified id may be composite; the bare side asks Finrax for its own payment id.
    const paymentId = created.id;
    const finraxPaymentId = created.providerPaymentId;
    const rows: ProviderCallRow[] = [];
    for (const name of options.transports ?? benchTransportNames) {
      const paymux = clientOn(name);
      // Each transport's rows compare paymux with the same HTTP client used bare.
      const bare = createBareFinraxGetOn(name, { baseUrl, apiKey, apiSecret });
      try {
        const viaPaymux = await paymux.getPayment(paymentId, { account: 'main' });
        const bareBody = (await bare.get(finraxPaymentId)) as { paymentId?: unknown };
        if (viaPaymux.id !== paymentId || bareBody.paymentId !== finraxPaymentId) {
          throw new Error(
            `provider-call bench: paymux on ${name} and the bare ${name} request did not read the created payment`,
          );
        }
        rows.push(...(await measureTransport(name, bare, paymux, paymentId, finraxPaymentId, options)));
      } finally {
        await paymux.close?.();
        bare.close();
      }
    }
    return rows;
  } finally {
    await sandbox.close();
  }
}

/** The rows of one transport: each load level, the bare side and paymux in alternating blocks. */
async function measureTransport(
  name: BenchTransportName,
  bare: BareFinraxGet,
  paymux: Paymux,
  paymentId: string,
  finraxPaymentId: string,
  options: ProviderCallOptions,
): Promise<ProviderCallRow[]> {
  const sides = {
    baseline: () => bare.get(finraxPaymentId),
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
      transport: name,
      concurrency,
      bare: bareSummary,
      paymux: paymuxSummary,
      addedP50Us: paymuxSummary.p50 - bareSummary.p50,
      addedP99Us: paymuxSummary.p99 - bareSummary.p99,
      addedCpuUs: paymuxSummary.cpuUsPerCall - bareSummary.cpuUsPerCall,
    });
  }
  return rows;
}

/** What each transport's baseline is: the same HTTP client, used bare. */
const bareLabels: Record<BenchTransportName, string> = {
  node: 'bare http.request',
  undici: 'bare undici.request',
  fetch: 'bare fetch',
  axios: 'bare axios.get',
};

/** The table and verdict printed by `pnpm bench`. */
export function formatProviderCallReport(rows: readonly ProviderCallRow[]): string {
  const us = (value: number) => `${formatNumber(value)} µs`;
  const table = formatTable([
    ['transport', 'in flight', 'side', 'p50', 'p90', 'p99', 'calls/s', 'client CPU/call', 'calls'],
    ...rows.flatMap((row) => [
      [
        row.transport,
        String(row.concurrency),
        bareLabels[row.transport],
        us(row.bare.p50),
        us(row.bare.p90),
        us(row.bare.p99),
        formatNumber(row.bare.callsPerSecond, 0),
        us(row.bare.cpuUsPerCall),
        String(row.bare.count),
      ],
      [
        row.transport,
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
      'transport',
      'in flight',
      'added p50',
      'added p99',
      'added CPU/call',
      'p50 ratio',
      'throughput ratio',
      'CPU ratio',
      `added p50 ≤ ${ADDED_P50_TARGET_US} µs`,
      `throughput ≥ ${THROUGHPUT_TARGET}× (16 in flight)`,
    ],
    ...rows.map((row) => [
      row.transport,
      String(row.concurrency),
      us(row.addedP50Us),
      us(row.addedP99Us),
      us(row.addedCpuUs),
      formatRatio(row.paymux.p50 / row.bare.p50),
      formatRatio(row.paymux.callsPerSecond / row.bare.callsPerSecond),
      // Bare CPU per call over paymux's: the throughput a CPU-bound client would keep.
      formatRatio(row.bare.cpuUsPerCall / row.paymux.cpuUsPerCall),
      verdict(row.addedP50Us <= ADDED_P50_TARGET_US),
      row.concurrency === 16
        ? verdict(row.paymux.callsPerSecond / row.bare.callsPerSecond >= THROUGHPUT_TARGET)
        : '',
    ]),
  ]);
  return `${table}\n\n${ratios}`;
}
