// `pnpm --filter @paymux/example-express-checkout start`: the shop against a fresh local sandbox.
import { startShop } from './start-shop';

const shop = await startShop({ port: Number(process.env.PORT ?? 3000) });
console.log(`paymux shop:     ${shop.url}`);
console.log(`webhooks at:     ${shop.webhookUrl}`);
console.log(`sandbox control: ${shop.sandbox.url}/__sandbox/info`);
console.log(
  'Choose a coin, press Pay, then "Open the payment page" and send the exact amount. Ctrl+C stops.',
);

const stop = () => {
  shop.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
