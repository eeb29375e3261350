import { readFile } from 'node:fs/promises';
import type { Sandbox, SandboxCredentials } from '@paymux/sandbox';

/** Where `paymux webhooks listen` listens by default: the callback URL the sandbox config names. */
export const DEFAULT_CALLBACK_URL = 'http://127.0.0.1:4242/';

/**
 * A receiving wallet for DePay trackings on the EVM networks (a fixed test address: the
 * emulator moves no real funds). DePay needs one per network it is asked to track.
 */
export const SANDBOX_DEPAY_WALLET = '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0';

/** Options of a written sandbox config. */
export interface SandboxConfigOptions {
  /** Defexa's default notification URL (Defexa refuses charges without one). */
  callbackUrl?: string;
}

/**
 * A paymux config file for the four emulators, one account per provider, with everything each
 * adapter needs to create payments there: Defexa's callback URL, DePay's receiving wallets and
 * Finrax's fiat display currency.
 */
export function sandboxConfig(sandbox: Sandbox, options: SandboxConfigOptions = {}): Record<string, unknown> {
  const { defexa, forumpay, finrax, depay } = sandbox.providers;
  return {
    providers: {
      defexa: {
        type: 'defexa',
        baseUrl: defexa.baseUrl,
        merchantPrivateKey: defexa.merchantPrivateKey,
        callbackUrl: options.callbackUrl ?? DEFAULT_CALLBACK_URL,
      },
      forumpay: {
        type: 'forumpay',
        baseUrl: forumpay.baseUrl,
        user: forumpay.apiUser,
        secret: forumpay.apiSecret,
        posId: forumpay.posId,
      },
      finrax: {
        type: 'finrax',
        baseUrl: finrax.baseUrl,
        apiKey: finrax.apiKey,
        apiSecret: finrax.apiSecret,
        businessId: finrax.businessId,
        callbackPublicKey: finrax.callbackPublicKey,
        // Finrax needs a fiat display currency on every withdrawal, crypto-sized ones included.
        defaultDisplayCurrency: 'EUR',
      },
      depay: {
        type: 'depay',
        baseUrl: depay.baseUrl,
        apiKey: depay.apiKey,
        publicKey: depay.callbackPublicKey,
        wallets: ['ethereum', 'bsc', 'polygon'].map((network) => ({
          network,
          address: SANDBOX_DEPAY_WALLET,
        })),
      },
    },
    routing: { default: 'finrax' },
  };
}

/** A config file `paymux sandbox` wrote earlier: where its sandbox listened, and its credentials. */
export interface PreviousSandboxConfig {
  /** `http://127.0.0.1:<port>`, the origin every account of the file points at. */
  origin: string;
  credentials: SandboxCredentials;
}

type Accounts = Record<string, Record<string, unknown> | undefined>;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Reads `path` as a config this command wrote: four accounts named after the emulators, all on
 * one loopback origin. Anything else (a real config, another file) is `undefined`, and is never
 * replaced without `--force`.
 */
export async function readPreviousSandboxConfig(path: string): Promise<PreviousSandboxConfig | undefined> {
  let accounts: Accounts;
  try {
    accounts = (JSON.parse(await readFile(path, 'utf8')) as { providers?: Accounts }).providers ?? {};
  } catch {
    return undefined;
  }
  const origins = new Set<string>();
  for (const name of ['defexa', 'forumpay', 'finrax', 'depay']) {
    const account = accounts[name];
    const baseUrl = text(account?.baseUrl);
    if (account?.type !== name || baseUrl === undefined) return undefined;
    const url = new URL(baseUrl);
    if (url.hostname !== '127.0.0.1') return undefined;
    origins.add(url.origin);
  }
  if (origins.size !== 1 || Object.keys(accounts).length !== 4) return undefined;
  const { defexa, forumpay, finrax, depay } = accounts;
  return {
    origin: [...origins][0]!,
    credentials: {
      defexa: { merchantPrivateKey: text(defexa?.merchantPrivateKey) },
      forumpay: {
        apiUser: text(forumpay?.user),
        apiSecret: text(forumpay?.secret),
        posId: text(forumpay?.posId),
      },
      finrax: {
        apiKey: text(finrax?.apiKey),
        apiSecret: text(finrax?.apiSecret),
        businessId: text(finrax?.businessId),
      },
      depay: { apiKey: text(depay?.apiKey) },
    },
  };
}

/** Whether a sandbox answers at `origin` (one still running on the file's port). */
export async function sandboxAnswers(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/__sandbox/info`, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
