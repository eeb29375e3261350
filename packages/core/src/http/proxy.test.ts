import { createServer, type IncomingMessage, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PaymuxError } from '../errors/paymux-error';
import { connectionSettingsShape } from '../provider/provider-settings';
import { createHttpClient } from './http-client';
import { redactProxyUrl, type resolveProxy } from './proxy';

const PROXY_USER = 'paymux-proxy-user';
const PROXY_PASSWORD = 's3cret-proxy-pw';

/** A real HTTP CONNECT proxy on loopback: it checks Basic credentials and counts its tunnels. */
interface LoopbackProxy {
  url: string;
  tunnels: { target: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

async function startConnectProxy(): Promise<LoopbackProxy> {
  const tunnels: LoopbackProxy['tunnels'] = [];
  const sockets = new Set<net.Socket>();
  const expected = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`;
  const server: Server = createServer((_request, response) => {
    response.writeHead(405);
    response.end('this proxy only tunnels');
  });
  server.on('connect', (request: IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const authorization = request.headers['proxy-authorization'];
    tunnels.push({ target: request.url ?? '', authorization });
    if (authorization !== expected) {
      // The body names the password a client sent: an error excerpt must not show it.
      client.end(
        `HTTP/1.1 407 Proxy Authentication Required\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nbad credentials ${authorization ?? ''}`,
      );
      return;
    }
    const [host, port] = (request.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${port}`,
    tunnels,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let proxy: LoopbackProxy;
let api: Server;
let apiPort: number;
let apiHits = 0;

beforeAll(async () => {
  proxy = await startConnectProxy();
  api = createServer((request, response) => {
    apiHits += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ path: request.url, host: request.headers.host }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiPort = (api.address() as AddressInfo).port;
});

afterAll(async () => {
  api.closeAllConnections();
  await new Promise<void>((resolve) => api.close(() => resolve()));
  await proxy.close();
});

beforeEach(() => {
  proxy.tunnels.length = 0;
  apiHits = 0;
});

const echo = z.object({ path: z.string(), host: z.string() });

function client(host: string, setting: Parameters<typeof resolveProxy>[0], logged: string[] = []) {
  return createHttpClient({
    providerType: 'acme',
    account: 'main',
    baseUrl: `http://${host}:${apiPort}`,
    proxy: setting,
    retry: { maxAttempts: 1 },
    logger: {
      debug: (message, fields) => logged.push(`${message} ${JSON.stringify(fields)}`),
      info: (message, fields) => logged.push(`${message} ${JSON.stringify(fields)}`),
      warn: (message, fields) => logged.push(`${message} ${JSON.stringify(fields)}`),
      error: (message, fields) => logged.push(`${message} ${JSON.stringify(fields)}`),
    },
  });
}

const read = (http: ReturnType<typeof client>) =>
  http.request({ operation: 'getThing', method: 'GET', path: '/v1/things/1', schema: echo });

describe('the proxy setting', () => {
  it('tunnels every request through the CONNECT proxy, with its credentials as Proxy-Authorization', async () => {
    const http = client('127.0.0.1', { url: proxy.url });
    const first = await read(http);
    await read(http);
    expect(first.data).toEqual({ path: '/v1/things/1', host: `127.0.0.1:${apiPort}` });
    expect(apiHits).toBe(2);
    // Keep-alive holds for the tunnel too: one CONNECT for two requests.
    expect(proxy.tunnels.map((tunnel) => tunnel.target)).toEqual([`127.0.0.1:${apiPort}`]);
    expect(proxy.tunnels[0]!.authorization).toBe(
      `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`,
    );
  });

  it('goes direct to the hosts of noProxy (by host, domain suffix or host:port)', async () => {
    for (const noProxy of [['127.0.0.1'], [`127.0.0.1:${apiPort}`], ['*']]) {
      await read(client('127.0.0.1', { url: proxy.url, noProxy }));
    }
    await read(client('localhost', { url: proxy.url, noProxy: ['.localhost'] }));
    expect(apiHits).toBe(4);
    expect(proxy.tunnels).toEqual([]);
    // Another port of the same host is not covered by host:port.
    await read(client('127.0.0.1', { url: proxy.url, noProxy: ['127.0.0.1:1'] }));
    expect(proxy.tunnels).toHaveLength(1);
  });

  it('honours HTTP(S)_PROXY and NO_PROXY only when the setting opts in', async () => {
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    process.env.HTTP_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    try {
      await read(client('127.0.0.1', undefined));
      expect(proxy.tunnels).toEqual([]);
      await read(client('127.0.0.1', { fromEnvironment: true }));
      expect(proxy.tunnels).toHaveLength(1);
      process.env.NO_PROXY = 'example.com,127.0.0.1';
      await read(client('127.0.0.1', { fromEnvironment: true }));
      expect(proxy.tunnels).toHaveLength(1);
      expect(apiHits).toBe(3);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('keeps the proxy credentials out of errors, excerpts and logs when the proxy refuses them', async () => {
    const wrong = proxy.url.replace(PROXY_PASSWORD, `${PROXY_PASSWORD}-old`);
    const logged: string[] = [];
    const error = await read(client('127.0.0.1', { url: wrong }, logged)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(PaymuxError.is(error)).toBe(true);
    expect((error as PaymuxError).httpStatus).toBe(407);
    expect(proxy.tunnels).toHaveLength(1);
    const everything = [
      JSON.stringify(error),
      String((error as Error).message),
      String((error as Error).stack),
      ...logged,
    ].join('\n');
    const wrongBasic = Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}-old`).toString('base64');
    expect(everything).toContain('bad credentials');
    for (const secret of [`${PROXY_PASSWORD}-old`, wrongBasic]) expect(everything).not.toContain(secret);
  });

  it('is validated strictly in every adapter settings schema, and never quotes the URL', () => {
    const settings = z.strictObject({ ...connectionSettingsShape });
    expect(settings.safeParse({ proxy: { url: proxy.url, noProxy: ['.internal'] } }).success).toBe(true);
    expect(settings.safeParse({ proxy: { fromEnvironment: true } }).success).toBe(true);
    const bad = settings.safeParse({ proxy: { url: `socks5://${PROXY_USER}:${PROXY_PASSWORD}@x:1` } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error)).not.toContain(PROXY_PASSWORD);
    expect(settings.safeParse({ proxy: { url: proxy.url, extra: 1 } }).success).toBe(false);
    expect(redactProxyUrl(proxy.url)).not.toContain(PROXY_PASSWORD);
    expect(redactProxyUrl(proxy.url)).toContain('***');
  });

  it('refuses a proxy together with a transport of your own, which carries its own proxy', () => {
    expect(() =>
      createHttpClient({
        providerType: 'acme',
        account: 'main',
        baseUrl: 'http://127.0.0.1:1',
        proxy: { url: proxy.url },
        transport: { name: 'fetch', send: () => Promise.reject(new Error('unused')) },
      }),
    ).toThrow(/proxy applies to paymux's default transport/);
  });
});
