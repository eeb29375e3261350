#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startSandbox } from './start-sandbox';
import type { Sandbox } from './sandbox-types';

const HELP = `paymux-sandbox — local emulators of the Defexa, ForumPay, Finrax and DePay APIs

Usage: paymux-sandbox [--port <port>] [--time-scale <factor>]

Options:
  --port <port>          Port to listen on, on 127.0.0.1 (default: a free port)
  --time-scale <factor>  Real ms per sandbox ms for webhook retries (default 1)
  -h, --help             Show this help

The control API is served under <url>/__sandbox/ (see the package README).`;

function describe(sandbox: Sandbox): string {
  const { defexa, forumpay, finrax, depay } = sandbox.providers;
  return [
    `paymux sandbox listening on ${sandbox.url}`,
    '',
    'Defexa',
    `  base URL              ${defexa.baseUrl}`,
    `  merchant private key  ${defexa.merchantPrivateKey}`,
    'ForumPay',
    `  base URL              ${forumpay.baseUrl}`,
    `  API user              ${forumpay.apiUser}`,
    `  API secret            ${forumpay.apiSecret}`,
    `  POS id                ${forumpay.posId}`,
    'Finrax',
    `  base URL              ${finrax.baseUrl}`,
    `  API key               ${finrax.apiKey}`,
    `  API secret            ${finrax.apiSecret}`,
    `  business id           ${finrax.businessId}`,
    '  callback public key',
    finrax.callbackPublicKey.trim(),
    'DePay',
    `  base URL              ${depay.baseUrl}`,
    `  API key               ${depay.apiKey}`,
    '  callback public key',
    depay.callbackPublicKey.trim(),
    '',
    `Control API: ${sandbox.url}/__sandbox/info — press Ctrl+C to stop.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'time-scale': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`Invalid --port: ${values.port}`);
  const timeScale = values['time-scale'] === undefined ? 1 : Number(values['time-scale']);
  if (!Number.isFinite(timeScale) || timeScale < 0)
    throw new Error(`Invalid --time-scale: ${values['time-scale']}`);
  const sandbox = await startSandbox({ port, timeScale });
  process.stdout.write(`${describe(sandbox)}\n`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}\n`);
  process.exit(1);
});
