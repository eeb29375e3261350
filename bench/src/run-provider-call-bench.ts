// The provider-call rows alone (benchmark 1), for iterating on the HTTP path:
//   node --conditions=paymux-source --import tsx src/run-provider-call-bench.ts
import os from 'node:os';
import { formatProviderCallReport, runProviderCallBench } from './provider-call-bench';

console.log(
  `load average ${os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ')} (1/5/15 min)`,
);
console.log('Provider call: getPayment (Finrax, sandbox in a child process, loopback)');
console.log(formatProviderCallReport(await runProviderCallBench()));
