// `pnpm bench`: every benchmark, each side by side with its bare baseline in the same run.
import os from 'node:os';
import { formatProviderCallReport, runProviderCallBench } from './provider-call-bench';
import { formatTrackerReport, runTrackerScenario } from './tracker-bench';
import { describeLoadedBuild } from './loaded-build';

const started = Date.now();
const cpus = os.cpus();
const load = os
  .loadavg()
  .map((value) => value.toFixed(1))
  .join(' / ');
console.log(
  `paymux benchmarks — node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${os.platform()} ${os.arch()}`,
);
console.log(
  `load average ${load} (1/5/15 min). Times are this machine's; compare the ratios, which both sides share.\n`,
);

console.log(`paymux measured as ${describeLoadedBuild()}.\n`);

console.log('Provider call: getPayment (Finrax, sandbox in a child process, loopback)');
console.log(formatProviderCallReport(await runProviderCallBench()));

console.log(
  '\nTracker: pending DePay trackings, 30 simulated minutes, DePay emulator limits (10/s, 10 in flight, 14,400/day)',
);
const trackerResults = [];
for (const payments of [10, 1_000, 10_000]) trackerResults.push(await runTrackerScenario(payments));
// The same with 20-300 ms of simulated one-way network delay: requests overlap and can arrive
// closer together than they left.
for (const payments of [10, 10_000]) {
  trackerResults.push(await runTrackerScenario(payments, { minMs: 20, maxMs: 300 }));
}
console.log(formatTrackerReport(trackerResults));
for (const result of trackerResults) {
  if (result.trackerRequestsSent !== result.audit.requests) {
    console.log(
      `note: with ${result.payments} payments the tracker counted ${result.trackerRequestsSent} requests, the server ${result.audit.requests}`,
    );
  }
}

// Last, and imported only now: its signers come from @paymux/testkit, which loads nock, and nock
// intercepts every HTTP request of the process from then on (about 5× the cost of a loopback
// request), which would distort the HTTP benchmarks above.
const { formatWebhookReport, runWebhookBench } = await import('./webhook-bench');
console.log('\nWebhook pipeline: signed DePay callbacks, distinct ids');
console.log(formatWebhookReport(await runWebhookBench()));

// The durable stores, also after the HTTP benchmarks (they load @paymux/testkit too).
const { runStoreBenches } = await import('./run-store-bench');
const { formatStoreReport } = await import('./store-bench');
console.log('\nDurable stores: the webhook pipeline (signed DePay callbacks, 16 in flight) and one claim');
console.log(formatStoreReport(await runStoreBenches()));

console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(1)} s`);
