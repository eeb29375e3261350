import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import axios from 'axios';
import * as undici from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { axiosTransport } from './axios-transport';
import { fetchTransport } from './fetch-transport';
import { createNodeTransport } from './http-transport';
import { type Transport, TransportError, type TransportOptions } from './transport';
import { undiciTransport } from './undici-transport';

type Handler = (request: IncomingMessage & { body: string }, response: ServerResponse) => void;

let server: Server | undefined;

async function serve(handler: Handler): Promise<string> {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () =>
      handler(Object.assign(request, { body: Buffer.concat(chunks).toString('utf8') }), response),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TransportError)) throw new Error(`expected a TransportError, got ${String(error)}`);
  return error;
}

/** Every transport, built fresh with the options a test needs: each must pass the same contract. */
const transports: [string, (options?: TransportOptions) => Transport][] = [
  ['node', (options) => createNodeTransport(options)],
  ['fetch', (options) => fetchTransport(globalThis.fetch, options)],
  ['axios', (options) => axiosTransport(axios.create(), options)],
  ['undici', (options) => undiciTransport(undici, options)],
];

describe.each(transports)('the %s transport', (_name, createTransport) => {
  const transport = createTransport();
  const request = (url: string, extra: Partial<Parameters<Transport['send']>[0]> = {}) =>
    transport.send({ method: 'GET', url, headers: {}, body: undefined, timeoutMs: 2_000, ...extra });

  it('sends the exact body with its length and reads status, headers and text', async () => {
    const url = await serve((incoming, response) => {
      response.setHeader('set-cookie', ['a=1', 'b=2']);
      response.setHeader('x-request-id', 'req_1');
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          method: incoming.method,
          path: incoming.url,
          length: incoming.headers['content-length'],
          body: incoming.body,
        }),
      );
    });
    const body = '{"amount":"1.10","note":"é"}';
    const response = await request(`${url}/v1/pay?x=1`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(201);
    expect(response.headers['x-request-id']).toBe('req_1');
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
    expect(JSON.parse(response.rawBody)).toEqual({
      method: 'POST',
      path: '/v1/pay?x=1',
      length: String(Buffer.byteLength(body)),
      body,
    });
  });

  it('sends the path and query as given, and "/" when the URL has none', async () => {
    const url = await serve((incoming, response) => response.end(incoming.url));
    expect((await request(`${url}/a%20b/c?x=1&y=%2F`)).rawBody).toBe('/a%20b/c?x=1&y=%2F');
    expect((await request(url)).rawBody).toBe('/');
    expect((await request(`${url}?only=query`)).rawBody).toBe('/?only=query');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['br', brotliCompressSync],
  ] as const)('decodes a %s body', async (encoding, compress) => {
    const url = await serve((_incoming, response) => {
      response.writeHead(200, { 'content-encoding': encoding });
      response.end(compress(Buffer.from('{"ok":true}')));
    });
    expect((await request(url)).rawBody).toBe('{"ok":true}');
  });

  it('refuses a body that does not decompress, or an unknown encoding', async () => {
    const url = await serve((incoming, response) => {
      response.writeHead(200, { 'content-encoding': incoming.url === '/unknown' ? 'zstd' : 'gzip' });
      response.end('not gzip at all');
    });
    expect((await failure(request(url))).code).toBe('ERR_BAD_ENCODING');
    expect((await failure(request(`${url}/unknown`))).code).toBe('ERR_BAD_ENCODING');
  });

  it('answers a redirect as it is, without following it', async () => {
    let hits = 0;
    const url = await serve((_incoming, response) => {
      hits += 1;
      response.writeHead(302, { location: '/elsewhere' });
      response.end();
    });
    expect((await request(url)).status).toBe(302);
    expect(hits).toBe(1);
  });

  it('keeps one deadline for the whole exchange, even while a body trickles in', async () => {
    const url = await serve((_incoming, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"a":');
      const timer = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    expect((await failure(request(url, { timeoutMs: 150 }))).code).toBe('ETIMEDOUT');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('stops at once when the signal aborts, before or during the exchange', async () => {
    const url = await serve(() => {
      // never answers
    });
    const aborted = new AbortController();
    aborted.abort();
    expect((await failure(request(url, { signal: aborted.signal }))).code).toBe('ERR_CANCELED');
    const later = new AbortController();
    const pending = request(url, { signal: later.signal, timeoutMs: 5_000 });
    setTimeout(() => later.abort(), 30);
    expect((await failure(pending)).code).toBe('ERR_CANCELED');
  });

  it('reports a connection cut in the middle of the body', async () => {
    const url = await serve((_incoming, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('{"partial":');
      setTimeout(() => response.socket?.destroy(), 10);
    });
    expect((await failure(request(url))).code).toBe('ECONNRESET');
  });

  it('refuses a response larger than the limit', async () => {
    const url = await serve((_incoming, response) => {
      response.writeHead(200);
      response.end('x'.repeat(2_000));
    });
    const small = createTransport({ maxResponseBytes: 1_000 });
    const error = await failure(
      small.send({ method: 'GET', url, headers: {}, body: undefined, timeoutMs: 2_000 }),
    );
    expect(error.code).toBe('ERR_RESPONSE_TOO_LARGE');
  });

  it('refuses a compressed body that inflates past the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(5_000_000, 0x20));
    const url = await serve((_incoming, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end(bomb);
    });
    expect(bomb.length).toBeLessThan(100_000);
    const small = createTransport({ maxResponseBytes: 1_000_000 });
    const error = await failure(
      small.send({ method: 'GET', url, headers: {}, body: undefined, timeoutMs: 2_000 }),
    );
    expect(error.code).toBe('ERR_RESPONSE_TOO_LARGE');
  });

  it('refuses a header with a line break, before sending anything', async () => {
    let hits = 0;
    const url = await serve((_incoming, response) => {
      hits += 1;
      response.end();
    });
    const error = await failure(request(url, { headers: { 'x-bad': 'a\r\nInjected: 1' } }));
    expect(error.code.startsWith('ERR_INVALID')).toBe(true);
    expect(hits).toBe(0);
  });

  it('refuses a protocol other than http and https', async () => {
    expect((await failure(request('ftp://127.0.0.1/file'))).code).toBe('ERR_BAD_PROTOCOL');
  });
});
