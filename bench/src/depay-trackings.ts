import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { FakeTimeDriver } from './fake-time-driver';

/** A tracking created at the DePay emulator. */
export interface CreatedTracking {
  uuid: string;
  createdAt: string;
}

function postTracking(agent: http.Agent, url: URL, apiKey: string, index: number): Promise<CreatedTracking> {
  const uuid = randomUUID();
  const body = JSON.stringify({
    blockchain: 'ethereum',
    transaction: `0x${randomBytes(32).toString('hex')}`,
    sender: '0xe5f9c386c96912210d03a66b72a908b9b3706511',
    receiver: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
    token: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
    amount: '10.00',
    confirmations: 12,
    nonce: index,
    after_block: 21_000_000,
    uuid,
  });
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { agent, method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 201) {
            reject(new Error(`creating a DePay tracking answered HTTP ${response.statusCode}: ${text}`));
            return;
          }
          const created = JSON.parse(text) as { created_at?: string };
          resolve({ uuid, createdAt: created.created_at ?? new Date().toISOString() });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Creates `count` pending trackings at the DePay emulator straight over HTTP (not through paymux,
 * so the client under test starts with no history), within the emulator's limits: 10 at a time,
 * one batch per simulated second (plus 1 ms).
 */
export async function createDepayTrackings(
  driver: FakeTimeDriver,
  target: { baseUrl: string; apiKey: string },
  count: number,
): Promise<CreatedTracking[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  const url = new URL(`${target.baseUrl.replace(/\/$/, '')}/payments`);
  const created: CreatedTracking[] = [];
  try {
    for (let first = 0; first < count; first += 10) {
      const size = Math.min(10, count - first);
      const batch = await Promise.all(
        Array.from({ length: size }, (_, offset) => postTracking(agent, url, target.apiKey, first + offset)),
      );
      created.push(...batch);
      await driver.runUntil(driver.now() + 1001);
    }
  } finally {
    agent.destroy();
  }
  return created;
}
