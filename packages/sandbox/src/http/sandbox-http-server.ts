import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChaosPolicy } from '../core/chaos-policy';
import { jsonResponse } from './http-responses';
import type { Mount, SandboxRequest, SandboxResponse } from './http-types';

const MAX_BODY_BYTES = 1_048_576;

/** A listening sandbox server. */
export interface ListeningServer {
  origin: string;
  port: number;
  close: () => Promise<void>;
}

/**
 * Starts the one HTTP server every emulator shares, routing by path prefix. The body is kept as
 * raw bytes because Finrax signs the exact bytes sent.
 */
export async function listenSandboxServer(
  mounts: readonly Mount[],
  chaos: ChaosPolicy,
  port: number,
  host: string,
): Promise<ListeningServer> {
  const byLongestPrefix = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  let origin = '';
  const server: Server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing, byLongestPrefix, chaos, origin).catch((error: unknown) => {
      if (!outgoing.headersSent) {
        send(outgoing, jsonResponse(500, { error: 'sandbox internal error', detail: String(error) }));
      } else outgoing.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${host}:${address.port}`;
  return {
    origin,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function findMount(mounts: readonly Mount[], path: string): Mount | undefined {
  return mounts.find((mount) => path === mount.prefix || path.startsWith(`${mount.prefix}/`));
}

async function handle(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  mounts: readonly Mount[],
  chaos: ChaosPolicy,
  origin: string,
): Promise<void> {
  const rawTarget = incoming.url ?? '/';
  const url = new URL(rawTarget, 'http://sandbox.invalid');
  const method = (incoming.method ?? 'GET').toUpperCase();
  const mount = findMount(mounts, url.pathname);
  if (!mount) {
    incoming.resume();
    send(outgoing, jsonResponse(404, { error: `No sandbox route for ${url.pathname}` }));
    return;
  }
  const path = url.pathname.slice(mount.prefix.length) || '/';
  const admission = mount.admit?.({ method, path, headers: incoming.headers }) ?? {
    release: () => undefined,
  };
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    admission.release();
  };
  outgoing.once('close', release);
  if (admission.reject) {
    incoming.resume();
    send(outgoing, admission.reject);
    return;
  }
  const rawBody = await readBody(incoming);
  if (rawBody === undefined) {
    send(outgoing, jsonResponse(413, { error: 'Request body too large' }));
    return;
  }
  const failure = mount.chaos ? chaos.serverError() : undefined;
  if (failure !== undefined) {
    send(outgoing, jsonResponse(failure, { error: 'Injected by sandbox chaos' }));
    return;
  }
  const request: SandboxRequest = {
    method,
    path,
    rawTarget,
    relativeTarget: rawTarget.slice(mount.prefix.length) || '/',
    query: url.searchParams,
    headers: incoming.headers,
    rawBody,
    params: {},
    origin,
  };
  const response = await mount.handle(request);
  if (mount.chaos && chaos.dropConnection()) {
    outgoing.destroy();
    return;
  }
  send(outgoing, response);
}

function readBody(incoming: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    incoming.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

function send(outgoing: ServerResponse, response: SandboxResponse): void {
  outgoing.writeHead(response.status, response.headers ?? {});
  outgoing.end(response.body);
}
