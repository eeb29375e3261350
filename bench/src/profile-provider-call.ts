/**
 * Profiles the paymux side of the provider-call benchmark alone, 16 calls in flight, so that a
 * `--cpu-prof` run shows where the client's time goes (docs/performance.md, "Reproducing").
 *
 *   node --conditions=paymux-source --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof src/profile-provider-call.ts
 *
 * PAYMUX_PROFILE_TRANSPORT (node, undici, fetch, axios), PAYMUX_PROFILE_CALLS and
 * PAYMUX_PROFILE_CONCURRENCY choose the run. PAYMUX_PROFILE_SIDE=bare profiles the bare side
 * instead (the benchmark's keep-alive `http.request`), for a differential profile: the same
 * function's time per call in both profiles says what paymux adds, including inside Node.
 */
import { createPaymux } from '@paymux/client';
import { plugin as finrax } from '@paymux/finrax';
import { createBareFinraxGet } from './bare-finrax-get';
import { type BenchTransportName, benchTransport } from './bench-transports';
import { sampleCalls } from './latency-sampler';
import { startSandboxProcess } from './sandbox-process';

const calls = Number(process.env.PAYMUX_PROFILE_CALLS ?? 30_000);
const concurrency = Number(process.env.PAYMUX_PROFILE_CONCURRENCY ?? 16);
const transportName = (process.env.PAYMUX_PROFILE_TRANSPORT ?? 'node') as BenchTransportName;
const side = process.env.PAYMUX_PROFILE_SIDE ?? 'paymux';
if (side !== 'paymux' && side !== 'bare') throw new Error('PAYMUX_PROFILE_SIDE is paymux or bare');
const transport = benchTransport(transportName);
const sandbox = await startSandboxProcess();
try {
  const { baseUrl, apiKey, apiSecret, businessId } = sandbox.providers.finrax;
  const paymux = createPaymux({
    // The sandbox forgets its payments when it stops: the state is kept in memory like it.
    store: 'memory:',
    plugins: [finrax],
    providers: {
      main: { type: 'finrax', baseUrl, apiKey, apiSecret, businessId, ...(transport ? { transport } : {}) },
    },
    routing: { default: 'main' },
  });
  const created = await paymux.createPayment({
    reference: 'profile-provider-call',
    amount: { amount: '50.00', currency: 'EUR' },
  });
  const bare = createBareFinraxGet({ baseUrl, apiKey, apiSecret });
  const call =
    side === 'bare'
      ? () => bare.get(created.providerPaymentId)
      : () => paymux.getPayment(created.id, { account: 'main' });
  const started = process.cpuUsage();
  const wall = performance.now();
  await sampleCalls(call, calls, concurrency);
  const cpu = process.cpuUsage(started);
  const seconds = (performance.now() - wall) / 1000;
  bare.close();
  console.log(
    `${side === 'bare' ? 'bare http.request' : transportName}: ${calls} calls, ${concurrency} in flight: ${Math.round(calls / seconds)} calls/s, ${((cpu.user + cpu.system) / calls).toFixed(1)} µs CPU per call (user ${(cpu.user / calls).toFixed(1)}, system ${(cpu.system / calls).toFixed(1)})`,
  );
} finally {
  await sandbox.close();
}
