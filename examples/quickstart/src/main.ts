// The paymux quickstart: one config file, four providers, one checkout function.
// Run it with `npm start` in this folder: it starts the local sandbox, so no account is needed.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPaymux, loadConfigFile, type Paymux } from '@paymux/client';
import { plugin as defexa } from '@paymux/defexa';
import { plugin as depay } from '@paymux/depay';
import { plugin as finrax } from '@paymux/finrax';
import { plugin as forumpay } from '@paymux/forumpay';
import { startSandbox } from '@paymux/sandbox';
import { customerPays, sandboxEnv } from './sandbox-customer';

const configPath = fileURLToPath(new URL('../paymux.config.json', import.meta.url));

/** The shop's checkout. It names no provider: the config decides which one takes the payment. */
function checkout(paymux: Paymux, orderId: string) {
  return paymux.createPayment({
    reference: orderId,
    amount: { amount: '20.00', currency: 'EUR' },
    payWith: { symbol: 'ETH', network: 'ethereum' },
    customer: { id: 'customer-42' },
    returnUrl: 'https://shop.example/thanks',
    // Read by DePay only: it tracks a transfer the customer's wallet has already sent.
    providerOptions: {
      depay: {
        tokenAmount: '0.008',
        transaction: '0x6a1f2c2bd7e5f9d8d1b3c4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829',
        sender: '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6',
        nonce: 42,
        afterBlock: 19_000_000,
      },
    },
  });
}

/** What one provider did with the checkout. */
export interface QuickstartResult {
  account: string;
  provider: string;
  flow: string;
  status: string;
}

/** Makes one payment with every account of the config, switching provider by config alone. */
export async function quickstart(log: (line: string) => void = console.log): Promise<QuickstartResult[]> {
  const sandbox = await startSandbox();
  try {
    // One config file for every account; credentials come from the environment (${env:NAME}).
    const config = await loadConfigFile(configPath, { env: { ...process.env, ...sandboxEnv(sandbox) } });
    const results: QuickstartResult[] = [];
    for (const account of Object.keys(config.providers)) {
      // Switching provider is a config change: routing.default names the account to use.
      const paymux = createPaymux({
        ...config,
        routing: { default: account },
        plugins: [defexa, forumpay, finrax, depay],
        // The sandbox forgets its payments when it stops; an application leaves `store` out.
        store: 'memory:',
      });
      const payment = await checkout(paymux, `order-${account}`);
      log(`${account}: ${payment.flow} payment created, ${payment.status}`);

      await customerPays(sandbox, payment); // the sandbox plays the customer and the blockchain

      const paid = await paymux.getPayment(payment.id, { account: payment.provider });
      log(`${account}: ${paid.status} (${paid.amount.amount} ${paid.amount.currency})`);
      results.push({ account, provider: paid.providerType, flow: payment.flow, status: paid.status });
    }
    return results;
  } finally {
    await sandbox.close();
  }
}

// Run when started as a program (`npm start`), not when a test imports it.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await quickstart();
  process.exitCode = results.every((result) => result.status === 'succeeded') ? 0 : 1;
}
