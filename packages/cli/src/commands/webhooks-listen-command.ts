import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LogFields, Logger } from '@paymux/core';
import { type CliCommand, stringOption } from '../command';
import { ExitCode } from '../exit-codes';
import { formatEvent } from '../format-human';
import { integerOption } from '../input-options';
import { UsageError } from '../usage-error';

const MAX_BODY_BYTES = 1024 * 1024;

/** Why the pipeline refused the delivery being handled, taken from its log line. */
const rejection = new AsyncLocalStorage<{ reason?: string }>();

const capture = (_message: string, fields?: LogFields) => {
  const store = rejection.getStore();
  const reason = fields?.reason ?? fields?.error;
  if (store && typeof reason === 'string') store.reason = reason;
};
const rejectionLogger: Logger = { debug() {}, info() {}, warn: capture, error: capture };

async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('body larger than 1 MiB');
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export const webhooksListenCommand: CliCommand = {
  path: ['webhooks', 'listen'],
  summary: 'receive webhooks locally, verify them and print the normalized events',
  usage: 'webhooks listen [--port <port>] [--account <name>] [--host <address>]',
  options: {
    account: { type: 'string', short: 'a' },
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
  },
  optionHelp: [
    ['-a, --account <name>', 'the account whose webhooks arrive here (default: the only account)'],
    ['-p, --port <port>', 'port to listen on (default 4242; 0 picks a free one)'],
    ['--host <address>', 'address to bind (default 127.0.0.1)'],
  ],
  examples: [
    'paymux webhooks listen --port 4242 --account main',
    'paymux webhooks listen --account main --json | jq .type',
  ],
  needsConfig: true,
  async run(context) {
    const command = 'webhooks listen';
    const port = integerOption(context.values, 'port', { min: 0, max: 65_535 }, command) ?? 4242;
    const host = stringOption(context.values, 'host') ?? '127.0.0.1';
    const { paymux } = await context.client(rejectionLogger);
    const accounts = paymux.accounts();
    let account = stringOption(context.values, 'account');
    if (account === undefined) {
      if (accounts.length !== 1) {
        throw new UsageError(
          `Missing --account (accounts: ${accounts.map((item) => item.name).join(', ')})`,
          command,
        );
      }
      account = accounts[0]!.name;
    } else if (!accounts.some((item) => item.name === account)) {
      throw new UsageError(`No account "${account}" in the config`, command);
    }
    const { stdout, stderr } = context.io;
    const target = account;

    const server = createServer((request, response) => {
      void rejection.run({}, async () => {
        const store = rejection.getStore() ?? {};
        const where = `${request.method ?? 'POST'} ${request.url ?? '/'}`;
        try {
          const rawBody = await readBody(request);
          const result = await paymux.webhooks.handle(target, {
            rawBody,
            headers: request.headers,
            url: request.url,
            method: request.method,
          });
          response.writeHead(result.status, result.headers);
          response.end(result.body);
          for (const event of result.events) {
            stdout.write(context.json ? `${JSON.stringify(event)}\n` : `${formatEvent(event)}\n`);
          }
          for (const ignored of result.ignored) {
            stderr.write(`  ignored ${ignored.type} ${ignored.id}: ${ignored.reason}\n`);
          }
          if (result.status >= 400) {
            stderr.write(`✗ ${result.status} ${where}: ${store.reason ?? result.body}\n`);
          } else if (result.events.length === 0 && result.ignored.length === 0) {
            stderr.write(`  ${result.status} ${where}: verified, no event\n`);
          }
        } catch (error) {
          if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
          response.end('webhook handler error');
          stderr.write(`✗ 500 ${where}: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE' ? new UsageError(`Port ${port} is already in use`, command) : error,
        ),
      );
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    const url = `http://${host}:${address.port}/`;
    // Always shown, even with --quiet: it is what the user came for (and what scripts wait for).
    stderr.write(
      `Ready: listening on ${url} for account ${target} (${accounts.find((item) => item.name === target)?.type}). Ctrl+C to stop.\n`,
    );
    await new Promise<void>((resolve) => {
      // Without a signal it runs until the process ends (main always passes one).
      if (context.io.signal?.aborted) return resolve();
      context.io.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    stderr.write('Stopped.\n');
    return ExitCode.ok;
  },
};
