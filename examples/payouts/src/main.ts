// `pnpm --filter @paymux/example-payouts start`: payouts, fees, approval and reconciliation on the sandbox.
import { runPayouts } from './run-payouts';

await runPayouts((line) => console.log(line));
