// `pnpm --filter @paymux/example-custom-provider start`: the Acme plug-in, used from config.
import { runAcmeCheckout } from './run-acme-checkout';

const run = await runAcmeCheckout((line) => console.log(line));
console.log(
  `payments at Acme: ${run.paymentsAtAcme}; events: ${run.events.map((event) => event.type).join(', ')}`,
);
