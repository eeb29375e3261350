import type http from 'node:http';
import type https from 'node:https';
import { ConfigurationError } from '../errors/error-classes';
import { createNodeTransport } from './http-transport';
import type { ProxySetting } from './proxy';
import type { Transport } from './transport';

/** The connection options of `createHttpClient` that choose how requests go out. */
export interface TransportChoice {
  /** Sends the requests; the keep-alive `node:http` transport by default. */
  transport?: Transport | undefined;
  /** An HTTP CONNECT proxy for the default transport. */
  proxy?: ProxySetting | undefined;
  httpAgent?: http.Agent | undefined;
  httpsAgent?: https.Agent | undefined;
}

/**
 * The transport of one HTTP client and the secrets it adds (a proxy's credentials). A proxy
 * belongs to the default transport: a fetch or axios transport carries its own (a dispatcher, an
 * agent), so both at once is a configuration error rather than a proxy silently ignored.
 *
 * @example
 * const { transport, secrets } = chooseTransport({ proxy: { url: 'http://proxy.internal:3128' } }, 'main');
 */
export function chooseTransport(
  choice: TransportChoice,
  account: string,
): { transport: Transport; secrets: string[] } {
  if (choice.transport) {
    if (choice.proxy) {
      throw new ConfigurationError(
        `account "${account}": proxy applies to paymux's default transport; configure the proxy of the ${choice.transport.name} transport itself`,
        { provider: account, field: 'proxy' },
      );
    }
    return { transport: choice.transport, secrets: [] };
  }
  const transport = createNodeTransport({
    httpAgent: choice.httpAgent,
    httpsAgent: choice.httpsAgent,
    proxy: choice.proxy,
  });
  const secrets = [
    ...(transport.proxies['http:']?.secrets ?? []),
    ...(transport.proxies['https:']?.secrets ?? []),
  ];
  return { transport, secrets };
}
