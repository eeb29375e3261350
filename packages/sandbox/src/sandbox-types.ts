import type { SandboxControl, FinraxCallbackUrls } from './control/control-types';
import type { ChaosOptions } from './core/chaos-policy';

/** Credentials the emulators accept; each one not given is generated at start-up. */
export interface SandboxCredentials {
  defexa?: { merchantPrivateKey?: string };
  forumpay?: { apiUser?: string; apiSecret?: string; posId?: string };
  finrax?: { apiKey?: string; apiSecret?: string; businessId?: string };
  depay?: { apiKey?: string };
}

/**
 * Options of {@link startSandbox}.
 *
 * @example
 * const sandbox = await startSandbox({ timeScale: 0.001, depay: { requestsPerSecond: 100 } });
 */
export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Only loopback is supported. */
  host?: '127.0.0.1';
  /**
   * Real ms per sandbox ms for scheduled work (webhook retries, chaos delays). Default 1; 0.001
   * turns DePay's 15 s first retry into 15 ms and Defexa's hourly retries into 3.6 s.
   */
  timeScale?: number;
  /** Fault injection, off by default. */
  chaos?: ChaosOptions;
  credentials?: SandboxCredentials;
  defexa?: {
    /** Lifetime of a DA session token, sandbox ms. Default 3 600 000 (one hour). */
    sessionLifetimeMs?: number;
  };
  finrax?: {
    /** Callback URLs of the business (Finrax configures them per business, not per request). */
    callbackUrls?: FinraxCallbackUrls;
    /** Withdrawals worth at least this many USD need approval (answered 202). Default "10000". */
    approvalThresholdUsd?: string;
    /** Accepted clock skew of the `Timestamp` in the Authorization header. Default 300 000 (±5 min). */
    timestampToleranceMs?: number;
  };
  depay?: {
    /** Requests per sliding second per API key. Default 10. */
    requestsPerSecond?: number;
    /** Requests in flight at once per API key. Default 10. */
    maxInFlight?: number;
    /** Requests per sandbox day per API key. Default 14 400. */
    dailyQuota?: number;
  };
}

/** Where each emulator listens and the credentials a client needs. */
// A type alias (not an interface) so it can be served as JSON by the control API.
export type SandboxProviders = {
  /** `http://127.0.0.1:<port>/defexa`; paths as in the seed (`/api/v1/da/login`, …). */
  defexa: { baseUrl: string; merchantPrivateKey: string };
  /** `http://127.0.0.1:<port>/forumpay/pay/v2/`; endpoints `GetRate/`, `StartPayment/`, … */
  forumpay: { baseUrl: string; apiUser: string; apiSecret: string; posId: string };
  /** `http://127.0.0.1:<port>/finrax`; paths `/api/v1/...`. `callbackPublicKey` verifies callbacks (PEM). */
  finrax: {
    baseUrl: string;
    apiKey: string;
    apiSecret: string;
    businessId: string;
    callbackPublicKey: string;
  };
  /** `http://127.0.0.1:<port>/depay/v2`. `callbackPublicKey` verifies `x-signature` (PEM). */
  depay: { baseUrl: string; apiKey: string; callbackPublicKey: string };
};

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  providers: SandboxProviders;
  /** Plays the customer and the blockchain; also served as JSON under `/__sandbox/`. */
  control: SandboxControl;
  /** Stops the server, pending webhook retries and timers. */
  close: () => Promise<void>;
}
