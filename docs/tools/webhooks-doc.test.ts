import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPaymux, type Paymux } from '@paymux/client';
import type { WebhookEvent } from '@paymux/core';
import { plugin as finrax } from '@paymux/finrax';
import { startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsDir } from './generated-pages';
import { codeBlockAfter } from './markdown-blocks';

interface Delivery {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
}

/** The Fetch API helper exactly as webhooks.md shows it, bound to a client. */
interface FetchHelperModule {
  usePaymux(client: Paymux): void;
  handlePaymuxWebhook(account: string, request: Request): Promise<Response>;
}

const workDir = join(docsDir, '.tmp', `webhooks-${process.pid}`);
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
const recorder = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    deliveries.push({ rawBody: Buffer.concat(chunks), headers: request.headers });
    response.writeHead(200).end(); // the test replays the recorded delivery through the helper
  });
});
const deliveries: Delivery[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/webhooks/shop`;
  sandbox.control.setFinraxCallbackUrls({ deposit: url });
});

afterAll(async () => {
  await new Promise<void>((resolve) => recorder.close(() => resolve()));
  await sandbox?.close();
  await rm(workDir, { recursive: true, force: true });
});

async function loadFetchHelper(): Promise<FetchHelperModule> {
  const page = await readFile(join(docsDir, 'webhooks.md'), 'utf8');
  const snippet = codeBlockAfter(page, '<!-- webhooks:fetch-handler -->');
  const prelude = [
    "import type { Paymux } from '@paymux/client';",
    'let paymux: Paymux;',
    'export function usePaymux(client: Paymux) { paymux = client; }',
  ].join('\n');
  await mkdir(workDir, { recursive: true });
  const file = join(workDir, 'fetch-handler.ts');
  await writeFile(file, `${prelude}\n${snippet}`);
  return (await import(file)) as FetchHelperModule;
}

async function waitForDelivery(paymentId: string): Promise<Delivery> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const found = deliveries.find((delivery) => {
      const body = JSON.parse(delivery.rawBody.toString('utf8')) as Record<string, unknown>;
      return body.paymentId === paymentId && body.status === 'CONFIRMED';
    });
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the sandbox sent no confirmed deposit callback');
}

function asRequest(delivery: Delivery, body: Uint8Array): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(delivery.headers)) {
    if (typeof value === 'string' && name !== 'content-length') headers.set(name, value);
  }
  return new Request('https://shop.example/webhooks/shop', { method: 'POST', headers, body });
}

describe('docs/webhooks.md Fetch API helper', () => {
  it('verifies a signed Finrax callback given as a Request, emits once, and refuses a modified body', async () => {
    const { usePaymux, handlePaymuxWebhook } = await loadFetchHelper();
    const { baseUrl, apiKey, apiSecret, businessId, callbackPublicKey } = sandbox.providers.finrax;
    const paymux = createPaymux({
      plugins: [finrax],
      providers: { shop: { type: 'finrax', baseUrl, apiKey, apiSecret, businessId, callbackPublicKey } },
      store: 'memory:', // never a .paymux/state.db in the repository, nor a record left from the last run
    });
    usePaymux(paymux);
    const succeeded: WebhookEvent[] = [];
    paymux.on('payment.succeeded', (event) => succeeded.push(event));

    const payment = await paymux.createPayment({
      reference: 'docs-webhooks-1',
      amount: { amount: '20', currency: 'EUR' },
      flow: 'deposit_address',
      payWith: { symbol: 'USDT', network: 'tron' },
    });
    sandbox.control.pay({ provider: 'finrax', id: payment.providerPaymentId, kind: 'exact' });
    sandbox.control.confirm({ provider: 'finrax', id: payment.providerPaymentId });
    const delivery = await waitForDelivery(payment.providerPaymentId);

    const tampered = Buffer.from(delivery.rawBody.toString('utf8').replace('CONFIRMED', 'CONFIRMEE'));
    const refused = await handlePaymuxWebhook('shop', asRequest(delivery, tampered));
    expect(refused.status).toBe(401);
    expect(succeeded).toHaveLength(0);

    const accepted = await handlePaymuxWebhook('shop', asRequest(delivery, delivery.rawBody));
    expect(accepted.status).toBe(200);
    const again = await handlePaymuxWebhook('shop', asRequest(delivery, delivery.rawBody));
    expect(again.status).toBe(200);
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]).toMatchObject({ verifiedBy: 'signature', data: { reference: 'docs-webhooks-1' } });
  });
});
