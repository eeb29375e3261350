import { createServer, type IncomingMessage, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';

/**
 * A real HTTP CONNECT proxy on loopback. It checks Basic credentials, and since the tunnelled
 * targets are plain `http:` it reads the request lines going through its tunnels, so a test sees
 * which provider requests it carried (`POST /finrax/api/v1/payments`).
 */
export interface LoopbackConnectProxy {
  /** `http://user:password@127.0.0.1:port`. */
  url: string;
  user: string;
  password: string;
  /** Each CONNECT: its target and the `Proxy-Authorization` it came with. */
  tunnels: { target: string; authorization: string | undefined }[];
  /** `METHOD /path` of every request sent through an established tunnel. */
  requests: string[];
  close(): Promise<void>;
}

const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) HTTP\/1\.[01]\r$/gm;

export async function startConnectProxy(user: string, password: string): Promise<LoopbackConnectProxy> {
  const tunnels: LoopbackConnectProxy['tunnels'] = [];
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
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
      // The body quotes what the client sent: an error excerpt must not show it.
      client.end(
        `HTTP/1.1 407 Proxy Authentication Required\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nbad credentials ${authorization ?? ''}`,
      );
      return;
    }
    const [host, port] = (request.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      const sniff = (chunk: Buffer) => {
        for (const match of chunk.toString('latin1').matchAll(REQUEST_LINE)) {
          requests.push(`${match[1]} ${match[2]}`);
        }
      };
      if (head.length > 0) {
        sniff(head);
        upstream.write(head);
      }
      client.on('data', sniff);
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
    url: `http://${user}:${password}@127.0.0.1:${port}`,
    user,
    password,
    tunnels,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
