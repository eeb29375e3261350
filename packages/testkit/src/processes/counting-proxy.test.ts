import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CountingProxy, startCountingProxy } from './counting-proxy';

let upstream: ReturnType<typeof createServer>;
let proxy: CountingProxy;

beforeAll(async () => {
  upstream = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      response.writeHead(201, { 'x-upstream-host': request.headers.host ?? '' });
      response.end(`${request.method} ${request.url} ${body}`);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  proxy = await startCountingProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
});

afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => upstream.close(resolve));
});

describe('startCountingProxy', () => {
  it('forwards method, path, body and status, with the upstream as Host', async () => {
    const response = await fetch(`${proxy.url}/api/things?x=1`, { method: 'POST', body: 'hello' });
    expect(response.status).toBe(201);
    const port = (upstream.address() as AddressInfo).port;
    expect(response.headers.get('x-upstream-host')).toBe(`127.0.0.1:${port}`);
    expect(await response.text()).toBe('POST /api/things?x=1 hello');
  });

  it('counts the forwarded requests that match a pattern', async () => {
    const before = proxy.count(/^GET \/counted\b/);
    await (await fetch(`${proxy.url}/counted/1`)).text();
    await (await fetch(`${proxy.url}/counted/2`)).text();
    await (await fetch(`${proxy.url}/other`)).text();
    expect(proxy.count(/^GET \/counted\b/) - before).toBe(2);
    expect(proxy.count(/^GET \/other$/)).toBe(1);
  });
});
