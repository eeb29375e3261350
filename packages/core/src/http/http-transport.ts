import http from 'node:http';
import https from 'node:https';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { NodeExchange } from './node-exchange';
import { type ProxySetting, type ResolvedProxy, resolveProxy } from './proxy';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type Transport,
  TransportError,
  type TransportOptions,
  type TransportResponse,
} from './transport';

export {
  type Transport,
  TransportError,
  type TransportRequest,
  type TransportResponse,
} from './transport';

export interface NodeTransportOptions extends TransportOptions {
  httpAgent?: http.Agent;
  httpsAgent?: https.Agent;
  /**
   * Tunnels requests through an HTTP CONNECT proxy (an `HttpsProxyAgent` per target protocol),
   * except to the hosts of its `noProxy`.
   */
  proxy?: ProxySetting;
}

/** @deprecated Use {@link Transport}: a transport is now an object with `send`. */
export type HttpTransport = Transport['send'];

function proxyAgent(proxy: ResolvedProxy | undefined): http.Agent | undefined {
  if (!proxy) return undefined;
  // The credentials travel as a header, never in the agent's URL, which its debug log prints.
  return new HttpsProxyAgent(proxy.url, {
    keepAlive: true,
    maxSockets: 64,
    ...(proxy.authorization ? { headers: { 'proxy-authorization': proxy.authorization } } : {}),
  });
}

interface SplitUrl {
  protocol: string;
  hostname: string;
  port: string;
  /** Path and query exactly as given (already encoded by the caller). */
  path: string;
}

/**
 * Protocol, host and port of a URL, and its path as given. A client talks to one origin, so the
 * origin is parsed once and remembered; only the path changes from call to call.
 */
function createUrlSplitter(): (url: string) => SplitUrl {
  let lastOrigin: string | undefined;
  let lastParsed: URL | undefined;
  return (text) => {
    const afterScheme = text.indexOf('//');
    const slash = afterScheme === -1 ? -1 : text.indexOf('/', afterScheme + 2);
    const query = text.indexOf('?', afterScheme + 2);
    const pathStart = slash === -1 || (query !== -1 && query < slash) ? query : slash;
    const origin = pathStart === -1 ? text : text.slice(0, pathStart);
    if (origin !== lastOrigin || !lastParsed) {
      lastParsed = new URL(origin);
      lastOrigin = origin;
    }
    const rest = pathStart === -1 ? '' : text.slice(pathStart);
    const hostname = lastParsed.hostname;
    return {
      protocol: lastParsed.protocol,
      hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
      port: lastParsed.port,
      path: rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest,
    };
  };
}

/**
 * The default transport behind `createHttpClient`: `node:http`/`node:https` with keep-alive
 * agents, one deadline for the whole exchange, cancellation by `AbortSignal`, and gzip, deflate
 * and brotli bodies decoded. It adds almost nothing to a bare `http.request`, which matters because
 * every provider call goes through it (see docs/performance.md and ADR 0009). With `proxy`, it
 * tunnels through an `HttpsProxyAgent` (ADR 0015).
 *
 * @example
 * const transport = createNodeTransport({ proxy: { url: 'http://proxy.internal:3128', noProxy: ['localhost'] } });
 * const response = await transport.send({ method: 'GET', url: 'https://api.example.com/v1/x', headers: {}, body: undefined, timeoutMs: 15_000 });
 */
export function createNodeTransport(options: NodeTransportOptions = {}): Transport & {
  /** The proxies in use, by target protocol: for redaction and tests. */
  readonly proxies: { readonly 'http:'?: ResolvedProxy; readonly 'https:'?: ResolvedProxy };
} {
  const httpAgent = options.httpAgent ?? new http.Agent({ keepAlive: true, maxSockets: 64 });
  const httpsAgent = options.httpsAgent ?? new https.Agent({ keepAlive: true, maxSockets: 64 });
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const splitUrl = createUrlSplitter();
  const proxies = {
    'http:': resolveProxy(options.proxy, 'http:'),
    'https:': resolveProxy(options.proxy, 'https:'),
  };
  const httpProxyAgent = proxyAgent(proxies['http:']);
  const httpsProxyAgent = proxyAgent(proxies['https:']);
  const agentFor = (url: SplitUrl, isHttps: boolean): http.Agent => {
    const proxy = isHttps ? proxies['https:'] : proxies['http:'];
    if (proxy && !proxy.bypass(url.hostname, url.port || (isHttps ? '443' : '80'))) {
      return (isHttps ? httpsProxyAgent : httpProxyAgent)!;
    }
    return isHttps ? httpsAgent : httpAgent;
  };

  const send: Transport['send'] = (request) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const { signal } = request;
      if (signal?.aborted) {
        reject(new TransportError('the request was cancelled', 'ERR_CANCELED', { cause: signal.reason }));
        return;
      }
      let url: SplitUrl;
      try {
        url = splitUrl(request.url);
      } catch (error) {
        reject(new TransportError(`invalid URL ${request.url}`, 'ERR_INVALID_URL', { cause: error }));
        return;
      }
      const isHttps = url.protocol === 'https:';
      if (!isHttps && url.protocol !== 'http:') {
        reject(new TransportError(`unsupported protocol ${url.protocol}`, 'ERR_BAD_PROTOCOL'));
        return;
      }
      const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
      for (const name in request.headers) headers[name] = request.headers[name]!;
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      let req: http.ClientRequest;
      try {
        req = (isHttps ? https : http).request({
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port || undefined,
          path: url.path,
          method: request.method,
          headers,
          agent: agentFor(url, isHttps),
        });
      } catch (error) {
        // Node refuses a malformed request (a header with a line break) before sending anything.
        const code = (error as { code?: string }).code ?? 'ERR_INVALID_REQUEST';
        reject(
          new TransportError(
            (error as Error).message,
            code.startsWith('ERR_INVALID') ? code : 'ERR_INVALID_REQUEST',
            { cause: error },
          ),
        );
        return;
      }
      new NodeExchange(resolve, reject, signal, request.timeoutMs, maxResponseBytes).start(req, request.body);
    });
  return { name: 'node', send, proxies };
}
