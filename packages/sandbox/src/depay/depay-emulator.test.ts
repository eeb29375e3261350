import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import vectors from '../__fixtures__/depay-signature-vectors.json';
import { startSandbox, verifyDepaySignature } from '../index';
import type { Sandbox } from '../sandbox-types';
import { type LoopbackReceiver, startLoopbackReceiver } from '../test-support/loopback-receiver';

let sandbox: Sandbox;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001, depay: { requestsPerSecond: 1000, maxInFlight: 1000 } });
  receiver = await startLoopbackReceiver([500, 202]);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

async function call(base: Sandbox, path: string, body?: unknown, apiKey = base.providers.depay.apiKey) {
  const response = await fetch(`${base.providers.depay.baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

function tracking(uuid: string, callback?: string) {
  return {
    blockchain: 'ethereum',
    transaction: '0xd4a9424440f6010af1bec311dda4e23d4f0016f4cc215da84a41650150ecb8b7',
    sender: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
    nonce: 1,
    receiver: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
    token: '0xA0BED124a09ac2bd941b10349d8d224fe3c955eb',
    amount: '822.5',
    confirmations: 13,
    after_block: 13609144,
    uuid,
    ...(callback ? { callback } : {}),
  };
}

describe('DePay signatures', () => {
  it('verifies DePay’s own vectors and rejects tampered data', () => {
    for (const vector of vectors.vectors) {
      expect(verifyDepaySignature(vector.data, vector.signature, vector.publicKey)).toBe(true);
      expect(verifyDepaySignature(`${vector.data}x`, vector.signature, vector.publicKey)).toBe(false);
    }
  });
});

describe('DePay emulator', () => {
  it('refuses a missing or wrong x-api-key with 401', async () => {
    expect((await call(sandbox, '/payments/unknown', undefined, 'wrong')).status).toBe(401);
    expect((await call(sandbox, '/payments/unknown')).status).toBe(404);
  });

  it('validates trackings and is idempotent (201 then 200)', async () => {
    const invalid = await call(sandbox, '/payments', { ...tracking('bad'), nonce: 'x' });
    expect(invalid.status).toBe(400);
    const created = await call(sandbox, '/payments', tracking('u-1'));
    expect(created.status).toBe(201);
    expect(created.text).toContain('"nonce":1,');
    expect(created.text).toContain('"after_block":13609144,');
    expect(JSON.parse(created.text)).toMatchObject({
      status: 'pending',
      token: '0xa0bed124a09ac2bd941b10349d8d224fe3c955eb',
    });
    expect((await call(sandbox, '/payments', tracking('u-1'))).status).toBe(200);
  });

  it('tracks to success, signs the callback (RSA-PSS) and the GET, and retries a failing receiver', async () => {
    const uuid = 'u-success';
    await call(sandbox, '/payments', tracking(uuid, `${receiver.url}/depay`));
    sandbox.control.pay({ provider: 'depay', id: uuid, confirmations: 5 });
    expect(sandbox.control.confirm({ provider: 'depay', id: uuid }).status).toBe('success');
    const delivery = await sandbox.control.waitForWebhook(
      { provider: 'depay', bodyIncludes: uuid, state: 'delivered' },
      5_000,
    );
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 202]);
    const signature = delivery.headers['x-signature'] ?? '';
    expect(verifyDepaySignature(delivery.body, signature, sandbox.providers.depay.callbackPublicKey)).toBe(
      true,
    );
    expect(
      verifyDepaySignature(
        delivery.body.replace('success', 'failed'),
        signature,
        sandbox.providers.depay.callbackPublicKey,
      ),
    ).toBe(false);
    // The sandbox's second tracking: shown in the later API form (secret_id, string nonce).
    expect(JSON.parse(delivery.body)).toMatchObject({
      status: 'success',
      failed_reason: null,
      secret_id: uuid,
      nonce: '1',
    });

    const shown = await call(sandbox, `/payments/${uuid}`);
    expect(
      verifyDepaySignature(
        shown.text,
        shown.headers.get('x-signature') ?? '',
        sandbox.providers.depay.callbackPublicKey,
      ),
    ).toBe(true);
    expect(JSON.parse(shown.text)).toMatchObject({ release: null });
    const release = await call(sandbox, '/payments/release', {
      blockchain: 'ethereum',
      transaction: tracking(uuid).transaction,
      sender: tracking(uuid).sender,
      nonce: 1,
      uuid,
    });
    expect(release.status).toBe(200);
    expect(JSON.parse(release.text).release).toEqual(expect.any(String));
  });

  it('alternates the seed form and the later form (secret_id, string nonce/after_block, padded signature)', async () => {
    const forms = await Promise.all(
      ['u-form-a', 'u-form-b'].map(async (uuid) => {
        await call(sandbox, '/payments', tracking(uuid));
        const shown = await call(sandbox, `/payments/${uuid}`);
        const signature = shown.headers.get('x-signature') ?? '';
        expect(verifyDepaySignature(shown.text, signature, sandbox.providers.depay.callbackPublicKey)).toBe(
          true,
        );
        return { uuid, body: JSON.parse(shown.text) as Record<string, unknown>, signature };
      }),
    );
    const seed = forms.find((form) => form.body.uuid !== undefined);
    const later = forms.find((form) => form.body.secret_id !== undefined);
    expect(seed?.body).toMatchObject({ nonce: 1, after_block: 13609144 });
    expect(seed?.body.secret_id).toBeUndefined();
    expect(seed?.signature.endsWith('=')).toBe(false);
    expect(later?.body).toMatchObject({ nonce: '1', after_block: '13609144' });
    expect(later?.body.uuid).toBeUndefined();
    expect(later?.signature.endsWith('=')).toBe(true);
  });

  it('creates and releases by uuid or secret_id, with the nonce as a number or a string', async () => {
    const created = await call(sandbox, '/payments', {
      ...tracking('unused'),
      uuid: undefined,
      secret_id: 'u-secret',
      nonce: '7',
    });
    expect(created.status).toBe(201);
    const { transaction, sender } = tracking('u-secret');
    const release = (body: Record<string, unknown>) =>
      call(sandbox, '/payments/release', { blockchain: 'ethereum', transaction, sender, ...body });
    // Not confirmed yet: nothing to release.
    expect((await release({ nonce: 7, uuid: 'u-secret' })).status).toBe(404);
    sandbox.control.pay({ provider: 'depay', id: 'u-secret', confirmations: 13 });
    expect((await release({ nonce: 8, uuid: 'u-secret' })).status).toBe(404);
    expect((await release({ nonce: '7', secret_id: 'u-secret' })).status).toBe(200);
    expect((await release({ nonce: 7, uuid: 'u-secret' })).status).toBe(200);
  });

  it('fails a tracking with any failed_reason, and times out after 24 hours', async () => {
    await call(sandbox, '/payments', tracking('u-fail'));
    expect(sandbox.control.failTracking({ id: 'u-fail', reason: 'RECEIVER_MISMATCH' }).status).toBe(
      'failed (RECEIVER_MISMATCH)',
    );
    expect(JSON.parse((await call(sandbox, '/payments/u-fail')).text)).toMatchObject({
      status: 'failed',
      failed_reason: 'RECEIVER_MISMATCH',
    });
    await call(sandbox, '/payments', tracking('u-short'));
    expect(sandbox.control.pay({ provider: 'depay', id: 'u-short', kind: 'short' }).status).toBe(
      'failed (AMOUNT_MISMATCH)',
    );
    await call(sandbox, '/payments', tracking('u-late'));
    sandbox.control.advanceTime(24 * 3_600_000 + 1);
    expect(JSON.parse((await call(sandbox, '/payments/u-late')).text).failed_reason).toBe(
      'TRACKING_TIMED_OUT',
    );
  });

  it('answers prices and decimals as bare numbers, and lists assets', async () => {
    const price = await call(sandbox, '/prices/ethereum/0xa0bEd124a09ac2Bd941b10349d8d224fe3c955eb');
    expect(price.text).toBe('0.578212912312');
    expect(
      (await call(sandbox, '/tokens/decimals/ethereum/0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE')).text,
    ).toBe('18');
    const assets = JSON.parse(
      (await call(sandbox, `/accounts/bsc/0x${'1'.repeat(40)}/assets`)).text,
    ) as unknown[];
    expect(assets[0]).toMatchObject({
      symbol: 'BNB',
      type: 'NATIVE',
      decimals: 18,
      balance: expect.any(String),
    });
  });
});

describe('DePay rate limits', () => {
  it('answers 429 beyond 10 requests per sliding second', async () => {
    const limited = await startSandbox({ depay: { requestsPerSecond: 10, maxInFlight: 100 } });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 12 }, () =>
          call(limited, '/prices/ethereum/0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee'),
        ),
      );
      const codes = statuses.map((response) => response.status).sort();
      expect(codes.filter((code) => code === 200)).toHaveLength(10);
      expect(codes.filter((code) => code === 429)).toHaveLength(2);
      await vi.waitFor(
        async () =>
          expect((await call(limited, '/prices/bsc/0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee')).status).toBe(
            200,
          ),
        {
          timeout: 3_000,
          interval: 200,
        },
      );
    } finally {
      await limited.close();
    }
  });

  it('answers 429 beyond 10 requests in flight', async () => {
    const limited = await startSandbox({ depay: { requestsPerSecond: 1000, maxInFlight: 10 } });
    const url = new URL(`${limited.providers.depay.baseUrl}/payments`);
    // Ten requests whose bodies never finish arriving stay in flight.
    const hanging = Array.from({ length: 10 }, () => {
      const outgoing = httpRequest(url, {
        method: 'POST',
        headers: {
          'x-api-key': limited.providers.depay.apiKey,
          'content-type': 'application/json',
          'content-length': '100',
        },
      });
      outgoing.on('error', () => undefined);
      outgoing.write('{');
      return outgoing;
    });
    try {
      await vi.waitFor(async () => expect((await call(limited, '/payments/x')).status).toBe(429), {
        timeout: 3_000,
      });
    } finally {
      for (const outgoing of hanging) outgoing.destroy();
      await limited.close();
    }
  });

  it('answers 429 beyond the daily quota until the next sandbox day', async () => {
    const limited = await startSandbox({ depay: { dailyQuota: 2 } });
    try {
      expect((await call(limited, '/payments/a')).status).toBe(404);
      expect((await call(limited, '/payments/b')).status).toBe(404);
      expect((await call(limited, '/payments/c')).status).toBe(429);
      limited.control.advanceTime(86_400_000);
      expect((await call(limited, '/payments/d')).status).toBe(404);
    } finally {
      await limited.close();
    }
  });
});
