import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Paymux } from '@paymux/client';

/** The merchant's webhook endpoint of the demo: `POST <url>/<account>` for every account. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/webhooks`; an account's URL is `${url}/${account}`. */
  url: string;
  /** HTTP status of every answer sent, per account (what the providers saw). */
  answers: Map<string, number[]>;
  close(): Promise<void>;
}

/**
 * Starts a loopback `node:http` server that hands each delivery to the client's handler
 * (`paymux.webhooks.toNodeHandler(account)`). `client()` is asked per request, so a client
 * rebuilt from an edited config takes the deliveries over at once.
 */
export async function startWebhookReceiver(client: () => Paymux): Promise<WebhookReceiver> {
  const answers = new Map<string, number[]>();
  const server: Server = createServer((request, response) => {
    const match = /^\/webhooks\/([\w.-]+)(?:[/?]|$)/.exec(request.url ?? '');
    const account = match?.[1];
    if (request.method !== 'POST' || account === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.on('finish', () => {
      answers.set(account, [...(answers.get(account) ?? []), response.statusCode]);
    });
    let paymux: Paymux;
    try {
      paymux = client();
    } catch {
      // No client yet: the provider retries later.
      response.writeHead(503).end();
      return;
    }
    void paymux.webhooks.toNodeHandler(account)(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
