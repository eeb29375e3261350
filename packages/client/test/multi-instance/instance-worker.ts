import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { depay } from '@paymux/depay';
import { createPaymux } from '../../src/client/create-paymux';
import type { StoreLocation } from '../../src/store/store-location';

// One paymux instance of the multi-instance evidence, in its own process: a client on the shared
// PostgreSQL store with one DePay account against the sandbox. The test drives it over IPC
// (`WorkerCommand`) and hears every event it emits (`WorkerReport`).

/** What the test hands a worker at start (argv[2], JSON). */
export interface WorkerSetup {
  name: string;
  postgresUrl: string;
  depay: { baseUrl: string; apiKey: string; callbackPublicKey: string };
  tracker: { firstPollMs: number; maxIntervalMs: number; scanIntervalMs: number; leaseMs: number };
}

export type WorkerCommand =
  | { type: 'webhooks'; deliveries: { rawBody: string; headers: Record<string, string> }[] }
  | { type: 'create'; references: string[]; webhookUrl?: string; track: boolean; trackForMs: number }
  | { type: 'stats' }
  | { type: 'close' };

export type WorkerReport =
  | { type: 'ready' }
  | {
      type: 'event';
      worker: string;
      eventId: string;
      eventType: string;
      objectId: string;
      verifiedBy: string;
    }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; error: string };

export const DEPAY_RECEIVER = '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0';
const ACCOUNT = 'wallet';

const setup = JSON.parse(process.argv[2] ?? '{}') as WorkerSetup;
const send = (report: WorkerReport) => process.send?.(report);
const hex = () => randomUUID().replace(/-/g, '');
// The longest this process stalled, for the test's report (a stall between a rate slot's grant and
// its request is what the limiter's grant validity guards against).
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();

const paymux = createPaymux({
  plugins: [depay],
  providers: {
    [ACCOUNT]: {
      type: 'depay',
      apiKey: setup.depay.apiKey,
      baseUrl: setup.depay.baseUrl,
      publicKey: setup.depay.callbackPublicKey,
      wallets: [{ network: 'ethereum', address: DEPAY_RECEIVER }],
    },
  },
  store: setup.postgresUrl as StoreLocation,
  // Warnings and errors reach the test's output: a store or provider failure shows up there.
  logger: {
    debug: () => undefined,
    info: () => undefined,
    warn: (message, fields) => console.error(`${setup.name} warn: ${message}`, JSON.stringify(fields ?? {})),
    error: (message, fields) =>
      console.error(`${setup.name} error: ${message}`, JSON.stringify(fields ?? {})),
  },
  // Every instance takes over what the others leave, from the start.
  tracker: { ...setup.tracker, jitter: 0.1, expiryGraceMs: 0, resume: true },
});

paymux.on('*', (event) => {
  send({
    type: 'event',
    worker: setup.name,
    eventId: event.id,
    eventType: event.type,
    objectId: event.data.id,
    verifiedBy: event.verifiedBy,
  });
});

async function create(command: Extract<WorkerCommand, { type: 'create' }>) {
  // The stalls that matter are those of the tracked run, not of loading the sources.
  if (command.track) lag.reset();
  return Promise.all(
    command.references.map(async (reference) => {
      const payment = await paymux.createPayment(
        {
          reference,
          amount: { amount: '12.5', currency: 'USDT' },
          payWith: { symbol: 'USDT', network: 'ethereum' },
          webhookUrl: command.webhookUrl,
          providerOptions: {
            depay: {
              transaction: `0x${hex()}${hex()}`,
              sender: '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6',
              nonce: 5,
              afterBlock: 13542983,
            },
          },
        },
        { account: ACCOUNT },
      );
      if (command.track) {
        paymux.tracker.track({
          kind: 'payment',
          id: payment.id,
          account: ACCOUNT,
          expiresAt: Date.now() + command.trackForMs,
        });
      }
      return { id: payment.id, uuid: payment.providerPaymentId };
    }),
  );
}

async function handle(command: WorkerCommand): Promise<unknown> {
  switch (command.type) {
    case 'webhooks': {
      const results = await Promise.all(
        command.deliveries.map((delivery) => paymux.webhooks.handle(ACCOUNT, delivery)),
      );
      return results.map((result) => result.status);
    }
    case 'create':
      return create(command);
    case 'stats':
      return { ...paymux.tracker.stats(), maxLagMs: Math.round(lag.max / 1e6) };
    case 'close':
      await paymux.close();
      setImmediate(() => process.exit(0));
      return undefined;
  }
}

process.on('message', ({ id, command }: { id: number; command: WorkerCommand }) => {
  handle(command).then(
    (result) => send({ type: 'done', id, result }),
    (error: unknown) => send({ type: 'failed', id, error: String(error) }),
  );
});

send({ type: 'ready' });
