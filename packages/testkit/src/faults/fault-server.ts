import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FaultAction, FaultRequest } from './fault-actions';

/** One request the fault server received, with what it did to it. */
export interface FaultRecord extends FaultRequest {
  /** The action carried out (after `dynamic` was resolved); `unrouted` when no route matched. */
  action: FaultAction['kind'] | 'unrouted';
  /**
   * Whether the server read the whole request and acted on it: a reply (any status) or a reset
   * after the body. A reset before the body, or a stall, is not counted as handled.
   */
  handled: boolean;
}

/** A loopback HTTP server that answers each route with a scripted sequence of faults. */
export interface FaultServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /**
   * Scripts a route: the first request gets `actions[0]`, the second `actions[1]`, …; the last
   * action repeats. `path` matches the path without its query string (a string exactly, or a
   * RegExp). A later `route` for the same method and path replaces the earlier one.
   */
  route(method: string, path: string | RegExp, ...actions: FaultAction[]): FaultServer;
  /** Every request received, in arrival order (those cut before their body included). */
  readonly requests: readonly FaultRecord[];
  /** How many requests arrived for a method and path (query ignored): the server-side attempt count. */
  count(method: string, path: string | RegExp): number;
  /** Requests that matched no route (answered 404): a test usually expects none. */
  unrouted(): FaultRecord[];
  /** Forgets routes and recorded requests, keeping the server up. */
  reset(): void;
  /** Destroys every open (stalled) connection and stops the server. */
  close(): Promise<void>;
}

interface Route {
  method: string;
  path: string | RegExp;
  actions: FaultAction[];
  hits: number;
}

const matches = (pattern: string | RegExp, path: string): boolean =>
  typeof pattern === 'string' ? pattern === path : pattern.test(path);

/**
 * Starts a fault server on 127.0.0.1 with an ephemeral port. Use it where real socket behaviour
 * matters (stalls after the headers, resets after the request body was read); count attempts on
 * the server side with `count`.
 *
 * @example
 * const server = await startFaultServer();
 * server.route('POST', '/api/v1/payments', faults.resetAfterBody());
 * await expect(provider.createPayment(input)).rejects.toSatisfy(AmbiguousOutcomeError.is);
 * expect(server.count('POST', '/api/v1/payments')).toBe(1);
 * await server.close();
 */
export async function startFaultServer(): Promise<FaultServer> {
  let routes: Route[] = [];
  let requests: FaultRecord[] = [];
  const sockets = new Set<Socket>();

  function act(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    record: FaultRecord,
    action: FaultAction,
  ) {
    if (action.kind === 'dynamic') {
      act(request, response, record, action.choose(record));
      return;
    }
    record.action = action.kind;
    switch (action.kind) {
      case 'reply':
        record.handled = true;
        response.writeHead(action.status, {
          ...action.headers,
          'content-length': Buffer.byteLength(action.body),
        });
        response.end(action.body);
        return;
      case 'stall':
        return;
      case 'stall-after-headers':
        response.writeHead(action.status, action.headers);
        response.flushHeaders();
        if (action.partialBody) response.write(action.partialBody);
        return;
      case 'reset-after-body':
        record.handled = true;
        request.socket.destroy();
        return;
      case 'reset-before-body':
        request.socket.destroy();
        return;
    }
  }

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = (request.method ?? 'GET').toUpperCase();
    const route = routes.find((entry) => entry.method === method && matches(entry.path, url.pathname));
    const record: FaultRecord = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: undefined,
      attempt: route ? route.hits + 1 : 1,
      action: 'unrouted',
      handled: false,
    };
    requests.push(record);
    if (!route) {
      request.resume();
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: `fault server: no route for ${method} ${url.pathname}` }));
      return;
    }
    route.hits += 1;
    const action = route.actions[Math.min(route.hits, route.actions.length) - 1] as FaultAction;
    if (action.kind === 'reset-before-body') {
      act(request, response, record, action);
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      record.body = Buffer.concat(chunks).toString('utf8');
      act(request, response, record, action);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const self: FaultServer = {
    url: `http://127.0.0.1:${port}`,
    route(method, path, ...actions) {
      if (actions.length === 0) throw new Error('fault server: a route needs at least one action');
      const upper = method.toUpperCase();
      routes = routes.filter((entry) => !(entry.method === upper && String(entry.path) === String(path)));
      routes.push({ method: upper, path, actions, hits: 0 });
      return self;
    },
    get requests() {
      return requests;
    },
    count(method, path) {
      const upper = method.toUpperCase();
      return requests.filter((entry) => entry.method === upper && matches(path, entry.path)).length;
    },
    unrouted() {
      return requests.filter((entry) => entry.action === 'unrouted');
    },
    reset() {
      routes = [];
      requests = [];
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
  return self;
}
