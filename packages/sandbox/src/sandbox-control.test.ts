import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDecimal,
  compareDecimal,
  decimalFromJsonNumber,
  divideDecimal,
  multiplyDecimal,
} from './core/decimal-amount';
import { parseJson, writeJson } from './core/json-value';
import { startSandbox } from './index';
import type { Sandbox } from './sandbox-types';
import { type LoopbackReceiver, startLoopbackReceiver } from './test-support/loopback-receiver';

let sandbox: Sandbox;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
  receiver = await startLoopbackReceiver([200]);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

async function control(path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/__sandbox/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function depayTracking(uuid: string, callback: string) {
  const { baseUrl, apiKey } = sandbox.providers.depay;
  await fetch(`${baseUrl}/payments`, {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({
      blockchain: 'bsc',
      transaction: '0x01',
      sender: '0x02',
      nonce: 3,
      receiver: '0x04',
      token: '0x55d398326f99059ff775485246999027b3197955',
      amount: '1.00',
      confirmations: 2,
      after_block: 5,
      uuid,
      callback,
    }),
  });
}

describe('exact decimals and JSON numbers', () => {
  it('computes on strings without floats', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(compareDecimal('10.00', '10')).toBe(0);
    expect(divideDecimal('48.25', '6467.18', 8)).toBe('0.00746075');
    expect(multiplyDecimal('54.759355', '0.9', 6)).toBe('49.283420');
    expect(decimalFromJsonNumber('1e-7')).toBe('0.0000001');
  });

  it('keeps JSON number text through parse and write', () => {
    const text = '{"amount":0.10000000000000000001,"nonce":12}';
    expect(writeJson(parseJson(text))).toBe(text);
  });
});

describe('control API over HTTP', () => {
  it('serves the credentials, drives a payment and lists webhook deliveries', async () => {
    const info = (await control('info')).body as { providers: { depay: { apiKey: string } } };
    expect(info.providers.depay.apiKey).toBe(sandbox.providers.depay.apiKey);
    await depayTracking('http-1', `${receiver.url}/hook`);
    const paid = await control('pay', { provider: 'depay', id: 'http-1', confirmations: 2 });
    expect(paid.body).toMatchObject({ provider: 'depay', id: 'http-1', status: 'success' });
    await receiver.waitFor(1);
    const list = (await control('webhooks?provider=depay')).body as Array<{ event: string; url: string }>;
    expect(list[0]).toMatchObject({ event: 'payment.success', url: `${receiver.url}/hook` });
    const before = ((await control('time')).body as { now: number }).now;
    const after = ((await control('advance-time', { ms: 3_600_000 })).body as { now: number }).now;
    expect(after - before).toBeGreaterThanOrEqual(3_600_000);
  });

  it('answers bad control calls with 400/404/409', async () => {
    expect((await control('pay', { provider: 'nope', id: 'x' })).status).toBe(400);
    expect((await control('pay', { provider: 'depay', id: 'unknown' })).status).toBe(404);
    expect((await control('pay', { provider: 'depay', id: 'http-1' })).status).toBe(409);
    expect((await control('advance-time', { ms: -1 })).status).toBe(400);
  });
});

describe('chaos', () => {
  it('duplicates webhooks, answers 5xx and drops connections when asked', async () => {
    sandbox.control.setChaos({ seed: 3, webhookDuplicateRate: 1 });
    await depayTracking('chaos-1', `${receiver.url}/chaos`);
    sandbox.control.pay({ provider: 'depay', id: 'chaos-1', confirmations: 2 });
    const copies = await receiver.waitFor(3);
    expect(copies.filter((request) => request.path === '/chaos')).toHaveLength(2);
    expect(
      sandbox.control.webhooks({ bodyIncludes: 'chaos-1' }).map((delivery) => delivery.duplicate),
    ).toEqual([false, true]);

    sandbox.control.setChaos({ serverErrorRate: 1 });
    const failing = await fetch(`${sandbox.providers.depay.baseUrl}/payments/chaos-1`, {
      headers: { 'x-api-key': sandbox.providers.depay.apiKey },
    });
    expect([500, 502, 503]).toContain(failing.status);
    expect((await control('info')).status).toBe(200);

    sandbox.control.setChaos({ dropConnectionRate: 1 });
    await expect(
      fetch(`${sandbox.providers.depay.baseUrl}/payments/chaos-1`, {
        headers: { 'x-api-key': sandbox.providers.depay.apiKey },
      }),
    ).rejects.toThrow();
    sandbox.control.setChaos({});
  });
});
