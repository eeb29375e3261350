import { ConfigurationError } from '../errors/error-classes';

/**
 * An HTTP CONNECT proxy for one account (or every account, set config-wide): requests are
 * tunnelled through `url` except to the hosts of `noProxy`. `{ fromEnvironment: true }` reads
 * `HTTPS_PROXY` (or `HTTP_PROXY` for `http:` hosts) and `NO_PROXY`; paymux never reads them
 * unless asked to, so a proxy set for other tools does not reroute payment traffic silently.
 *
 * @example
 * { type: 'finrax', apiKey, apiSecret, businessId, proxy: { url: 'http://user:pass@proxy.internal:3128', noProxy: ['.internal'] } }
 */
export type ProxySetting =
  | { url: string; noProxy?: readonly string[] | undefined }
  | { fromEnvironment: true };

/** A proxy ready to use: its address without credentials, and the credentials apart. */
export interface ResolvedProxy {
  /** `http(s)://host:port`, credentials removed (safe to log). */
  url: string;
  /** `Basic …` for `Proxy-Authorization`, when the URL carried a user or password. */
  authorization: string | undefined;
  /** The secrets to scrub: the password, the user:password pair and the whole URL as given. */
  secrets: string[];
  /** Whether a request to this host and port goes direct. */
  bypass(hostname: string, port: string): boolean;
}

function parseNoProxy(list: readonly string[]): (hostname: string, port: string) => boolean {
  const entries = list
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const bracketed = entry.match(/^\[([^\]]+)\](?::(\d+))?$/);
      if (bracketed) return { host: bracketed[1]!, port: bracketed[2] };
      const colon = entry.lastIndexOf(':');
      const hasPort = colon !== -1 && entry.indexOf(':') === colon && /^\d+$/.test(entry.slice(colon + 1));
      return hasPort
        ? { host: entry.slice(0, colon), port: entry.slice(colon + 1) }
        : { host: entry, port: undefined };
    });
  return (hostname, port) => {
    const host = hostname.toLowerCase();
    return entries.some((entry) => {
      if (entry.port !== undefined && entry.port !== port) return false;
      if (entry.host === '*') return true;
      // `.example.com` and `example.com` both cover example.com and its subdomains (curl's reading).
      const domain = entry.host.startsWith('.') ? entry.host.slice(1) : entry.host.replace(/^\*\./, '');
      return host === domain || host.endsWith(`.${domain}`);
    });
  };
}

/**
 * Turns a proxy setting into the proxy to use for `protocol` targets, or `undefined` when none
 * applies (no setting, or `fromEnvironment` with nothing set).
 *
 * @example
 * const proxy = resolveProxy({ url: 'http://proxy.internal:3128', noProxy: ['localhost'] }, 'https:');
 */
export function resolveProxy(
  setting: ProxySetting | undefined,
  protocol: string,
  env: Record<string, string | undefined> = process.env,
): ResolvedProxy | undefined {
  if (!setting) return undefined;
  let text: string | undefined;
  let noProxy: readonly string[];
  if ('fromEnvironment' in setting) {
    const names = protocol === 'http:' ? ['HTTP_PROXY', 'http_proxy'] : ['HTTPS_PROXY', 'https_proxy'];
    text = names.map((name) => env[name]).find((value) => !!value);
    noProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(',');
  } else {
    text = setting.url;
    noProxy = setting.noProxy ?? [];
  }
  if (!text) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    // Not quoted: a proxy URL may hold a password.
    throw new ConfigurationError('the proxy URL is not a valid URL', { field: 'proxy.url' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigurationError(`the proxy URL must be http: or https:, not ${parsed.protocol}`, {
      field: 'proxy.url',
    });
  }
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const secrets = [text];
  if (password) secrets.push(password, parsed.password, `${parsed.username}:${parsed.password}`);
  // A user alone is often a token (some proxies take the key as the user name).
  else if (user) secrets.push(user, parsed.username);
  const authorization =
    user || password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
  if (authorization) secrets.push(authorization, authorization.slice('Basic '.length));
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.origin,
    authorization,
    secrets,
    bypass: parseNoProxy(noProxy),
  };
}

/**
 * A proxy URL with its credentials replaced, for messages and logs.
 *
 * @example
 * redactProxyUrl('http://u:p@proxy:3128') // 'http://***:***@proxy:3128/'
 */
export function redactProxyUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.username) url.username = '***';
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(invalid proxy URL)';
  }
}
