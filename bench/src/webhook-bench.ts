import { constants, createPublicKey, verify } from 'node:crypto';
import { createMemoryStore, createPaymux, type Paymux } from '@paymux/client';
import { plugin as depay } from '@paymux/depay';
import { createSignedDepayCallbacks, type SignedCallback } from './signed-depay-callbacks';
import { median } from './stats';
import { formatNumber, formatRatio, formatTable, verdict } from './table';

/** Target: the pipeline handles at least this fraction of the bare verification rate. */
export const WEBHOOK_RATIO_TARGET = 0.5;

export interface WebhookBenchOptions {
  /** Distinct signed callbacks (each one event). */
  callbacks: number;
  /** Measured rounds per side, alternating. */
  rounds: number;
}

export const defaultWebhookBenchOptions: WebhookBenchOptions = { callbacks: 1500, rounds: 10 };

export interface WebhookBenchResult {
  callbacks: number;
  rounds: number;
  bareEventsPerSecond: number;
  pipelineEventsPerSecond: number;
  ratio: number;
}

const ACCOUNT = 'wallet';

/**
 * A client with one DePay account verifying with the test key, whose store already knows every
 * tracking uuid (as it would after `createPayment`). DePay callbacks are verified by signature and
 * that store lookup only, so `handle` does no I/O. The base URL is never called.
 */
async function freshClient(publicKeyPem: string, callbacks: readonly SignedCallback[]): Promise<Paymux> {
  const store = createMemoryStore({ maxEventIds: callbacks.length * 2 });
  for (const callback of callbacks) await store.rememberObject(ACCOUNT, 'payment', callback.uuid);
  return createPaymux({
    plugins: [depay],
    providers: {
      [ACCOUNT]: {
        type: 'depay',
        apiKey: 'bench-depay-key',
        publicKey: publicKeyPem,
        baseUrl: 'http://127.0.0.1:9/v2',
      },
    },
    store,
  });
}

/**
 * The webhook pipeline (`paymux.webhooks.handle`: verify, parse, normalize, deduplicate, emit)
 * vs a bare `crypto.verify` of the same signed bodies, in alternating rounds. Each pipeline round
 * gets a fresh client (fresh store), so every delivery is a new event and none is short-cut as a
 * duplicate; building that client is not timed.
 */
export async function runWebhookBench(
  options: WebhookBenchOptions = defaultWebhookBenchOptions,
): Promise<WebhookBenchResult> {
  const { publicKeyPem, callbacks } = createSignedDepayCallbacks(options.callbacks);
  const publicKey = createPublicKey(publicKeyPem);
  const requests = callbacks.map((callback) => ({
    rawBody: Buffer.from(callback.body, 'utf8'),
    headers: callback.headers,
  }));

  const bareRound = (): number => {
    const started = process.hrtime.bigint();
    let verified = 0;
    for (const request of requests) {
      const signature = Buffer.from(request.headers['x-signature'] ?? '', 'base64url');
      const ok = verify(
        'sha256',
        request.rawBody,
        { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 },
        signature,
      );
      if (ok) verified++;
    }
    const elapsed = Number(process.hrtime.bigint() - started);
    if (verified !== requests.length)
      throw new Error(`bare verification refused ${requests.length - verified} bodies`);
    return requests.length / (elapsed / 1e9);
  };

  const pipelineRound = async (): Promise<number> => {
    const paymux = await freshClient(publicKeyPem, callbacks);
    let emitted = 0;
    paymux.on('payment.succeeded', () => {
      emitted++;
    });
    const started = process.hrtime.bigint();
    for (const request of requests) {
      const result = await paymux.webhooks.handle(ACCOUNT, request);
      if (result.status !== 200) throw new Error(`pipeline answered ${result.status}: ${result.body}`);
    }
    const elapsed = Number(process.hrtime.bigint() - started);
    if (emitted !== requests.length)
      throw new Error(`pipeline emitted ${emitted} of ${requests.length} events`);
    return requests.length / (elapsed / 1e9);
  };

  // Warm-up: three rounds of each, so that both sides run optimised code when measured (with one,
  // the first measured pipeline rounds still ran partly unoptimised).
  for (let round = 0; round < 3; round++) {
    bareRound();
    await pipelineRound();
  }
  const bare: number[] = [];
  const pipeline: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    if (round % 2 === 0) {
      bare.push(bareRound());
      pipeline.push(await pipelineRound());
    } else {
      pipeline.push(await pipelineRound());
      bare.push(bareRound());
    }
  }
  const bareEventsPerSecond = median(bare);
  const pipelineEventsPerSecond = median(pipeline);
  return {
    callbacks: options.callbacks,
    rounds: options.rounds,
    bareEventsPerSecond,
    pipelineEventsPerSecond,
    ratio: pipelineEventsPerSecond / bareEventsPerSecond,
  };
}

/** The table and verdict printed by `pnpm bench`. */
export function formatWebhookReport(result: WebhookBenchResult): string {
  return formatTable([
    ['side', 'events/s (median of rounds)', 'ratio to bare', `target ≥ ${WEBHOOK_RATIO_TARGET}`],
    ['bare crypto.verify', formatNumber(result.bareEventsPerSecond, 0), formatRatio(1), ''],
    [
      'paymux.webhooks.handle',
      formatNumber(result.pipelineEventsPerSecond, 0),
      formatRatio(result.ratio),
      verdict(result.ratio >= WEBHOOK_RATIO_TARGET),
    ],
  ]);
}
