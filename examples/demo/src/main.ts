// `npm run demo`: the multi-provider merchant session against the local sandbox.
// Usage: `npm start [-- path/to/paymux.config.json]` (default: this example's paymux.config.json).
import { resolve } from 'node:path';
import { runDemo } from './run-demo';
import { summaryTable } from './summary-table';

const started = performance.now();
const configPath = process.argv[2] ? resolve(process.argv[2]) : undefined;
const result = await runDemo({ log: (line) => console.log(line), ...(configPath ? { configPath } : {}) });
console.log('');
console.log(summaryTable(result.rows));
console.log('');
const answers = Object.entries(result.webhookAnswers)
  .map(
    ([account, statuses]) =>
      `${account} ${statuses.length} (${statuses.filter((s) => s < 300).length} accepted)`,
  )
  .join(', ');
console.log(`webhook deliveries: ${answers || 'none'}`);
const failed = result.rows.filter((row) => !row.ok);
const skipped = result.rows.filter((row) => row.status === 'skipped');
console.log(
  `${result.rows.length - skipped.length - failed.length} steps reached their expected state, ` +
    `${failed.length} failed, ${skipped.length} skipped, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = result.ok ? 0 : 1;
