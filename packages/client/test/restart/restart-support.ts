import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '@paymux/sandbox';
import type { ChildSetup } from './paymux-child';

const CHILD = join(import.meta.dirname, 'paymux-child.ts');
// tsx is a root devDependency: resolved from here so the child needs no PATH lookup.
const TSX = createRequire(import.meta.url).resolve('tsx');

/** What one child process printed and how it ended. */
export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: Record<string, unknown> | undefined;
  stderr: string;
}

/** Runs `paymux-child.ts` in a new Node process and waits for it to end. */
export function runChild(setup: ChildSetup, env: Record<string, string> = {}): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, '--conditions=paymux-source', CHILD, JSON.stringify(setup)],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').at(-1);
        const failure = error as (Error & { code?: number; signal?: NodeJS.Signals }) | null;
        resolve({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          output: line ? (JSON.parse(line) as Record<string, unknown>) : undefined,
          stderr,
        });
      },
    );
  });
}

/** A fresh SQLite file path in a temp folder. */
export async function tempStatePath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'paymux-restart-')), 'state.db');
}

/**
 * A loopback proxy in front of the sandbox that counts what reaches the providers: the children
 * talk to it, so `count(pattern)` is the number of matching requests the provider received.
 */
export interface CountingProxy {
  url: string;
  count(pattern: RegExp): number;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const seen: string[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((incoming, answer) => {
    seen.push(`${incoming.method} ${incoming.url}`);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      },
    );
    forward.on('error', () => answer.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: (pattern) => seen.filter((line) => pattern.test(line)).length,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
