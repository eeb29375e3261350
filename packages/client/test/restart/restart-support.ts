import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { type CountingProxy, runSourceProcess, startCountingProxy } from '@paymux/testkit';
import { afterAll, beforeAll } from 'vitest';
import type { ChildSetup } from './paymux-child';

const CHILD = join(import.meta.dirname, 'paymux-child.ts');

/** What one child process printed and how it ended. */
export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: Record<string, unknown> | undefined;
  stderr: string;
}

/** Runs `paymux-child.ts` in a new Node process and waits for it to end. */
export async function runChild(setup: ChildSetup, env: Record<string, string> = {}): Promise<ChildOutcome> {
  const { code, signal, stdout, stderr } = await runSourceProcess(CHILD, [JSON.stringify(setup)], { env });
  const line = stdout.trim().split('\n').at(-1);
  return {
    code,
    signal,
    output: line ? (JSON.parse(line) as Record<string, unknown>) : undefined,
    stderr,
  };
}

/**
 * The timeout of a test here: each runs up to three Node processes that load tsx and the sources,
 * seconds apiece on an idle machine and several times that when the machine is busy.
 */
export const CHILD_PROCESS_TEST_TIMEOUT_MS = 90_000;

/** A fresh SQLite file path in a temp folder. */
export async function tempStatePath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'paymux-restart-')), 'state.db');
}

/** The DePay receiving wallet the tests use. */
export const DEPAY_RECEIVER = '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0';

/** One account per sandbox provider, its base URL pointing at `proxyUrl` instead of the sandbox. */
export function proxiedAccounts(sandbox: Sandbox, proxyUrl: string): ChildSetup['providers'] {
  const via = (baseUrl: string) => baseUrl.replace(sandbox.url, proxyUrl);
  const { defexa, forumpay, finrax, depay } = sandbox.providers;
  return {
    defexa: { type: 'defexa', baseUrl: via(defexa.baseUrl), merchantPrivateKey: defexa.merchantPrivateKey },
    forumpay: {
      type: 'forumpay',
      baseUrl: via(forumpay.baseUrl),
      user: forumpay.apiUser,
      secret: forumpay.apiSecret,
      posId: forumpay.posId,
    },
    finrax: {
      type: 'finrax',
      baseUrl: via(finrax.baseUrl),
      apiKey: finrax.apiKey,
      apiSecret: finrax.apiSecret,
      businessId: finrax.businessId,
      callbackPublicKey: finrax.callbackPublicKey,
    },
    depay: {
      type: 'depay',
      baseUrl: via(depay.baseUrl),
      apiKey: depay.apiKey,
      publicKey: depay.callbackPublicKey,
      wallets: [{ network: 'ethereum', address: DEPAY_RECEIVER }],
    },
  };
}

/** A test file's sandbox and the counting proxy its child processes reach it through. */
export interface ProxiedSandbox {
  readonly sandbox: Sandbox;
  readonly proxy: CountingProxy;
  /** `proxiedAccounts` of this sandbox and proxy. */
  accounts(): ChildSetup['providers'];
}

/**
 * Starts a sandbox (fast time) and a counting proxy in front of it in `beforeAll`, and closes both
 * in `afterAll`. Call it once at the top level of a test file; its fields exist inside tests and
 * hooks only.
 *
 * @example
 * const harness = useProxiedSandbox();
 * it('creates once', async () => {
 *   await runChild({ providers: harness.accounts(), path, job });
 *   expect(harness.proxy.count(/StartPayment/)).toBe(1);
 * });
 */
export function useProxiedSandbox(): ProxiedSandbox {
  let sandbox: Sandbox | undefined;
  let proxy: CountingProxy | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ timeScale: 0.001 });
    proxy = await startCountingProxy(sandbox.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
  });
  const started = () => {
    if (sandbox === undefined || proxy === undefined) {
      throw new Error('the sandbox starts in beforeAll: use it inside a test or a hook');
    }
    return { sandbox, proxy };
  };
  return {
    get sandbox() {
      return started().sandbox;
    },
    get proxy() {
      return started().proxy;
    },
    accounts: () => proxiedAccounts(started().sandbox, started().proxy.url),
  };
}
