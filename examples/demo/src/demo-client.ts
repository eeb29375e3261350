import {
  createPaymux,
  type EnvSource,
  loadConfigFile,
  type Paymux,
  type PaymuxConfigData,
  type Store,
} from '@paymux/client';
import { plugin as defexa } from '@paymux/defexa';
import { plugin as depay } from '@paymux/depay';
import { plugin as finrax } from '@paymux/finrax';
import { plugin as forumpay } from '@paymux/forumpay';
import type { Sandbox } from '@paymux/sandbox';

/** The four adapters' plug-ins: every provider type the config file may name. */
export const demoPlugins = [defexa, forumpay, finrax, depay];

/**
 * The environment the config file's `${env:NAME}` references read: the sandbox's base URLs and
 * generated credentials, and the demo's webhook receiver. Secrets live here, never in the file.
 */
export function sandboxEnv(sandbox: Sandbox, webhookBaseUrl: string): Record<string, string> {
  const { defexa: dfx, forumpay: fp, finrax: frx, depay: dp } = sandbox.providers;
  return {
    PAYMUX_WEBHOOK_BASE_URL: webhookBaseUrl,
    DEFEXA_BASE_URL: dfx.baseUrl,
    DEFEXA_MERCHANT_PRIVATE_KEY: dfx.merchantPrivateKey,
    FORUMPAY_BASE_URL: fp.baseUrl,
    FORUMPAY_API_USER: fp.apiUser,
    FORUMPAY_API_SECRET: fp.apiSecret,
    FORUMPAY_POS_ID: fp.posId,
    FINRAX_BASE_URL: frx.baseUrl,
    FINRAX_API_KEY: frx.apiKey,
    FINRAX_API_SECRET: frx.apiSecret,
    FINRAX_BUSINESS_ID: frx.businessId,
    FINRAX_CALLBACK_PUBLIC_KEY: frx.callbackPublicKey,
    DEPAY_BASE_URL: dp.baseUrl,
    DEPAY_API_KEY: dp.apiKey,
    DEPAY_CALLBACK_PUBLIC_KEY: dp.callbackPublicKey,
  };
}

/**
 * Loads a config file and builds a client from it with the four plug-ins. Clients built from
 * successive versions of the config share `store`, as several instances of one shop would, so
 * each knows the payments the others created (DePay callbacks are accepted only for those).
 */
export async function clientFromConfigFile(
  path: string,
  env: EnvSource,
  store: Store,
): Promise<{ paymux: Paymux; config: PaymuxConfigData }> {
  const config = await loadConfigFile(path, { env });
  return { paymux: createPaymux({ ...config, plugins: demoPlugins, store }), config };
}
