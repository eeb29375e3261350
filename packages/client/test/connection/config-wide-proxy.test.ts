import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigurationError,
  createNodeTransport,
  PaymuxError,
  type ProviderPlugin,
  type Transport,
} from '@paymux/core';
import { plugin as finrax } from '@paymux/finrax';
import { plugin as forumpay } from '@paymux/forumpay';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPaymux, loadConfigFile } from '../../src/index';
import { type LoopbackConnectProxy, startConnectProxy } from '../connect-proxy';
import { createFakePlugin, FakeBackend } from '../fake-provider';
import { paymentCases } from '../restart/payment-cases';

// The config-wide `proxy` and `transport` must reach every account that sets neither: an account
// left out would send payment traffic around the merchant's egress proxy without a word.

let sandbox: Sandbox;
let egress: LoopbackConnectProxy;
let other: LoopbackConnectProxy;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
  egress = await startConnectProxy('egress-user', 'egress-pw-7f3a');
  other = await startConnectProxy('other-user', 'other-pw-91c2');
});

afterAll(async () => {
  await egress?.close();
  await other?.close();
  await sandbox?.close();
});

beforeEach(() => {
  for (const proxy of [egress, other]) {
    proxy.tunnels.length = 0;
    proxy.requests.length = 0;
  }
});

/** A Finrax and a ForumPay account on the sandbox, with no transport or proxy of their own. */
function accounts() {
  const { finrax: f, forumpay: p } = sandbox.providers;
  return {
    finrax: {
      type: 'finrax',
      baseUrl: f.baseUrl,
      apiKey: f.apiKey,
      apiSecret: f.apiSecret,
      businessId: f.businessId,
      callbackPublicKey: f.callbackPublicKey,
    },
    forumpay: { type: 'forumpay', baseUrl: p.baseUrl, user: p.apiUser, secret: p.apiSecret, posId: p.posId },
  } as const;
}

const caseOf = (account: string) => paymentCases.find((item) => item.account === account)!;
const creates = (proxy: LoopbackConnectProxy, account: string) =>
  proxy.requests.filter((line) => caseOf(account).creates.test(line)).length;

async function createOn(paymux: ReturnType<typeof createPaymux>, account: string, reference: string) {
  const payment = await paymux.createPayment(caseOf(account).input(reference) as never, { account });
  expect(payment.provider).toBe(account);
}

describe('a config-wide proxy', () => {
  it('carries the requests of every account of every provider that sets none', async () => {
    const paymux = createPaymux({
      plugins: [finrax, forumpay],
      providers: accounts(),
      proxy: { url: egress.url },
      store: 'memory:',
    });
    try {
      await createOn(paymux, 'finrax', 'wide-proxy-finrax');
      await createOn(paymux, 'forumpay', 'wide-proxy-forumpay');
    } finally {
      await paymux.close();
    }
    expect(creates(egress, 'finrax')).toBe(1);
    expect(creates(egress, 'forumpay')).toBe(1);
    const basic = `Basic ${Buffer.from('egress-user:egress-pw-7f3a').toString('base64')}`;
    expect(egress.tunnels.length).toBeGreaterThanOrEqual(2);
    for (const tunnel of egress.tunnels) expect(tunnel.authorization).toBe(basic);
  });

  it("gives way to an account's own proxy, and to an account's own transport", async () => {
    const inner = createNodeTransport();
    let sends = 0;
    const counting: Transport = {
      name: 'counting',
      send: (request) => {
        sends += 1;
        return inner.send(request);
      },
    };
    const { finrax: finraxAccount, forumpay: forumpayAccount } = accounts();
    const paymux = createPaymux({
      plugins: [finrax, forumpay],
      providers: {
        finrax: { ...finraxAccount, proxy: { url: other.url } },
        forumpay: { ...forumpayAccount, transport: counting },
      },
      proxy: egress.url,
      store: 'memory:',
    });
    try {
      await createOn(paymux, 'finrax', 'own-proxy-finrax');
      await createOn(paymux, 'forumpay', 'own-transport-forumpay');
    } finally {
      await paymux.close();
    }
    expect(creates(other, 'finrax')).toBe(1);
    expect(sends).toBeGreaterThan(0);
    expect(egress.requests).toEqual([]);
    expect(egress.tunnels).toEqual([]);
  });

  it('reaches an account added at run time too', async () => {
    const paymux = createPaymux({
      plugins: [finrax, forumpay],
      providers: { forumpay: accounts().forumpay },
      proxy: egress.url,
      store: 'memory:',
    });
    try {
      paymux.addAccount('finrax', accounts().finrax);
      await createOn(paymux, 'finrax', 'added-later-finrax');
    } finally {
      await paymux.close();
    }
    expect(creates(egress, 'finrax')).toBe(1);
  });

  it('is read from a JSON config file as a URL string', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'paymux-proxy-config-'));
    const path = join(folder, 'paymux.json');
    await writeFile(
      path,
      JSON.stringify({ providers: accounts(), proxy: '${env:PAYMUX_EGRESS}', store: 'memory:' }),
    );
    const data = await loadConfigFile(path, { env: { PAYMUX_EGRESS: egress.url } });
    const paymux = createPaymux({ ...data, plugins: [finrax, forumpay] });
    try {
      await createOn(paymux, 'forumpay', 'file-proxy-forumpay');
    } finally {
      await paymux.close();
    }
    expect(creates(egress, 'forumpay')).toBe(1);
  });

  it('keeps its credentials out of the error and the logs when the proxy refuses them', async () => {
    const stale = egress.url.replace(egress.password, 'stale-pw-5d0e');
    const logged: string[] = [];
    const log = (message: string, fields?: Record<string, unknown>) =>
      logged.push(`${message} ${JSON.stringify(fields)}`);
    const paymux = createPaymux({
      plugins: [finrax, forumpay],
      providers: { forumpay: accounts().forumpay },
      proxy: stale,
      logger: { debug: log, info: log, warn: log, error: log },
      store: 'memory:',
    });
    let error: unknown;
    try {
      error = await createOn(paymux, 'forumpay', 'stale-proxy').then(
        () => undefined,
        (caught: unknown) => caught,
      );
    } finally {
      await paymux.close();
    }
    expect(PaymuxError.is(error)).toBe(true);
    expect((error as PaymuxError).httpStatus).toBe(407);
    expect(egress.tunnels.length).toBeGreaterThan(0);
    const everything = [
      JSON.stringify(error),
      (error as Error).message,
      (error as Error).stack,
      ...logged,
    ].join('\n');
    expect(everything).toContain('bad credentials');
    const staleBasic = Buffer.from(`${egress.user}:stale-pw-5d0e`).toString('base64');
    for (const secret of ['stale-pw-5d0e', staleBasic]) expect(everything).not.toContain(secret);
  });

  it('is refused, without quoting it, when it is not an http(s) URL', () => {
    const attempt = () =>
      createPaymux({
        plugins: [forumpay],
        providers: { forumpay: accounts().forumpay },
        proxy: 'socks5://egress-user:socks-pw-2b8c@127.0.0.1:1080',
        store: 'memory:',
      });
    expect(attempt).toThrow(ConfigurationError);
    const error = (() => {
      try {
        attempt();
      } catch (caught) {
        return caught as ConfigurationError;
      }
    })();
    expect(error?.field).toBe('proxy');
    expect(`${error?.message} ${JSON.stringify(error)}`).not.toContain('socks-pw-2b8c');
  });

  it('is refused for an account whose plugin has no proxy setting, strict or stripping', () => {
    const strict: ProviderPlugin = createFakePlugin('alpha', new FakeBackend());
    const stripping: ProviderPlugin = {
      ...createFakePlugin('beta', new FakeBackend()),
      settingsSchema: z.object({ apiKey: z.string() }),
    } as ProviderPlugin;
    const attempt = () =>
      createPaymux({
        plugins: [strict, stripping],
        providers: { a: { type: 'alpha', apiKey: 'alpha-key-1' }, b: { type: 'beta', apiKey: 'beta-key-1' } },
        proxy: egress.url,
        store: 'memory:',
      });
    expect(attempt).toThrow(
      /providers\.a\.proxy: the config-wide proxy cannot apply: plugin "alpha" has no proxy setting/,
    );
    expect(attempt).toThrow(/providers\.b\.proxy: the config-wide proxy cannot apply: plugin "beta"/);
    // Such an account runs when there is no proxy to honour.
    const plain = createPaymux({
      plugins: [strict],
      providers: { a: { type: 'alpha', apiKey: 'alpha-key-1' } },
      store: 'memory:',
    });
    void plain.close();
  });
});

describe('a config-wide transport', () => {
  it('sends the requests of every account that sets no transport or proxy of its own', async () => {
    const inner = createNodeTransport();
    const seen: string[] = [];
    const counting: Transport = {
      name: 'counting',
      send: (request) => {
        seen.push(new URL(request.url).pathname);
        return inner.send(request);
      },
    };
    const { finrax: finraxAccount, forumpay: forumpayAccount } = accounts();
    const paymux = createPaymux({
      plugins: [finrax, forumpay],
      providers: { finrax: finraxAccount, forumpay: { ...forumpayAccount, proxy: { url: other.url } } },
      transport: counting,
      store: 'memory:',
    });
    try {
      await createOn(paymux, 'finrax', 'wide-transport-finrax');
      await createOn(paymux, 'forumpay', 'wide-transport-forumpay');
    } finally {
      await paymux.close();
    }
    expect(seen.some((path) => path.startsWith('/finrax/'))).toBe(true);
    expect(seen.some((path) => path.startsWith('/forumpay/'))).toBe(false);
    expect(creates(other, 'forumpay')).toBe(1);
  });

  it('cannot go with a config-wide proxy, which it would ignore', () => {
    expect(() =>
      createPaymux({
        plugins: [finrax],
        providers: { finrax: accounts().finrax },
        transport: createNodeTransport(),
        proxy: egress.url,
        store: 'memory:',
      }),
    ).toThrow(/proxy: a config-wide proxy cannot go with a config-wide transport/);
  });
});
