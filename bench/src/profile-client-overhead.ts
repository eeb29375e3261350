/**
 * The client's own CPU per `getPayment`, without a socket: the first answer of the sandbox is
 * recorded and every later call is answered from it by an in-memory transport. What it prints is
 * what paymux adds over a bare request, measured without the network's noise, for iterating on
 * the client's hot path (docs/performance.md, "Reproducing").
 *
 *   node --conditions=paymux-source --import tsx src/profile-client-overhead.ts
 *
 * PAYMUX_PROFILE_CALLS and PAYMUX_PROFILE_CONCURRENCY choose the run (add `--cpu-prof` to see where they go).
 */
import { createPaymux } from '@paymux/client';
import { createNodeTransport, type Transport, type TransportResponse } from '@paymux/core';
import { plugin as finrax } from '@paymux/finrax';
import { sampleCalls } from './latency-sampler';
import { startSandboxProcess } from './sandbox-process';

const calls = Number(process.env.PAYMUX_PROFILE_CALLS ?? 200_000);
const concurrency = Number(process.env.PAYMUX_PROFILE_CONCURRENCY ?? 1);
// A delay before each replayed answer keeps calls in flight together, as the network does.
const delayMs = Number(process.env.PAYMUX_PROFILE_DELAY_MS ?? 0);
const sandbox = await startSandboxProcess();
try {
  const node = createNodeTransport();
  let recorded: TransportResponse | undefined;
  const replaying: Transport = {
    name: 'replay',
    async send(request) {
      if (request.method === 'GET' && recorded) {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        return recorded;
      }
      const response = await node.send(request);
      if (request.method === 'GET') recorded = response;
      return response;
    },
  };
  const { baseUrl, apiKey, apiSecret, businessId } = sandbox.providers.finrax;
  const paymux = createPaymux({
    store: 'memory:',
    plugins: [finrax],
    providers: { main: { type: 'finrax', baseUrl, apiKey, apiSecret, businessId, transport: replaying } },
    routing: { default: 'main' },
  });
  const created = await paymux.createPayment({
    reference: 'profile-client-overhead',
    amount: { amount: '50.00', currency: 'EUR' },
  });
  const call = () => paymux.getPayment(created.id, { account: 'main' });
  await sampleCalls(call, 20_000, concurrency);
  for (let round = 0; round < 5; round++) {
    const started = process.cpuUsage();
    await sampleCalls(call, calls, concurrency);
    const cpu = process.cpuUsage(started);
    console.log(
      `client overhead, ${concurrency} in flight: ${((cpu.user + cpu.system) / calls).toFixed(2)} µs CPU per getPayment`,
    );
  }
  await paymux.close?.();
} finally {
  await sandbox.close();
}
