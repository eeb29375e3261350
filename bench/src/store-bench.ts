import { constants, createPublicKey, verify } from 'node:crypto';
import { createPaymux, type Paymux } from '@paymux/client';
import { createMemoryStore, type Store } from '@paymux/core';
import { plugin as depay } from '@paymux/depay';
import { createSignedDepayCallbacks } from './signed-depay-callbacks';
import { median, summarizeNanoseconds } from './stats';
import type { StoreEngine } from './store-engines';
import { formatNumber, formatRatio, formatTable, verdict } from './table';

/** Target: the pipeline on a durable store keeps this fraction of bare verify-and-write. */
export const STORE_WEBHOOK_RATIO_TARGET = 0.5;

export interface StoreBenchOptions {
  /** Distinct signed callbacks per round (each one event). */
  callbacks: number;
  /** Measured rounds per side, alternating, after one warm-up round each. */
  rounds: number;
  /** Deliveries in flight at once, on both sides (a web server takes webhooks concurrently). */
  concurrency: number;
  /** Claims timed one at a time for the claim latency, after as many warm-up claims. */
  claims: number;
}

export const defaultStoreBenchOptions: StoreBenchOptions = {
  callbacks: 400,
  rounds: 6,
  concurrency: 16,
  claims: 500,
};

export interface StoreBenchResult {
  engine: string;
  bareEventsPerSecond: number;
  pipelineEventsPerSecond: number;
  ratio: number;
  /** The same pipeline on the in-memory store, in the same rounds: what the store itself costs. */
  memoryPipelineEventsPerSecond: number;
  /** p50 of `store.claimEventId`, microseconds. */
  claimP50Us: number;
  /** p50 of the bare engine's insert, microseconds. */
  bareWriteP50Us: number;
}

const ACCOUNT = 'wallet';

/** Runs `task` over `items` with at most `concurrency` running at once. */
async function inParallel<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const perSecond = (count: number, started: bigint) =>
  count / (Number(process.hrtime.bigint() - started) / 1e9);

/**
 * The webhook pipeline (`paymux.webhooks.handle` of signed DePay callbacks) with a durable store
 * vs a bare baseline of the same RSA-PSS verification plus one insert of the event id into the
 * same engine, in alternating rounds, each round on fresh data so every delivery is a new event.
 * Then the p50 of one `claimEventId` next to the p50 of the bare insert.
 */
export async function runStoreBench(
  engine: StoreEngine,
  options: StoreBenchOptions = defaultStoreBenchOptions,
): Promise<StoreBenchResult> {
  const { publicKeyPem, callbacks } = createSignedDepayCallbacks(options.callbacks);
  const publicKey = createPublicKey(publicKeyPem);
  const requests = callbacks.map((callback) => ({
    rawBody: Buffer.from(callback.body, 'utf8'),
    headers: callback.headers,
    uuid: callback.uuid,
  }));

  const bareRound = async (): Promise<number> => {
    const writer = await engine.createBareWriter();
    const started = process.hrtime.bigint();
    await inParallel(requests, options.concurrency, async (request) => {
      const signature = Buffer.from(request.headers['x-signature'] ?? '', 'base64url');
      const ok = verify(
        'sha256',
        request.rawBody,
        { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 },
        signature,
      );
      if (!ok) throw new Error('bare verification refused a body');
      await writer.write(`depay:${request.uuid}`);
    });
    const rate = perSecond(requests.length, started);
    await writer.close();
    return rate;
  };

  const pipelineRound = async (storeKind: 'durable' | 'memory' = 'durable'): Promise<number> => {
    const store = storeKind === 'memory' ? createMemoryStore() : await engine.createStore();
    for (const request of requests) await store.rememberObject(ACCOUNT, 'payment', request.uuid);
    if (storeKind === 'durable') await engine.settle?.(store);
    const paymux: Paymux = createPaymux({
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
    let emitted = 0;
    paymux.on('payment.succeeded', () => {
      emitted++;
    });
    const started = process.hrtime.bigint();
    await inParallel(requests, options.concurrency, async (request) => {
      const result = await paymux.webhooks.handle(ACCOUNT, request);
      if (result.status !== 200) throw new Error(`pipeline answered ${result.status}: ${result.body}`);
    });
    const rate = perSecond(requests.length, started);
    if (emitted !== requests.length)
      throw new Error(`pipeline emitted ${emitted} of ${requests.length} events`);
    await paymux.close();
    await store.close();
    return rate;
  };

  await bareRound();
  await pipelineRound();
  await pipelineRound('memory');
  const bare: number[] = [];
  const pipeline: number[] = [];
  const memoryPipeline: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    if (round % 2 === 0) {
      bare.push(await bareRound());
      pipeline.push(await pipelineRound());
      memoryPipeline.push(await pipelineRound('memory'));
    } else {
      memoryPipeline.push(await pipelineRound('memory'));
      pipeline.push(await pipelineRound());
      bare.push(await bareRound());
    }
  }

  const claimP50Us = await claimLatencyP50(await engine.createStore(), options.claims);
  const writer = await engine.createBareWriter();
  const bareWriteP50Us = await latencyP50(options.claims, (index) => writer.write(`bare-${index}`));
  await writer.close();

  const bareEventsPerSecond = median(bare);
  const pipelineEventsPerSecond = median(pipeline);
  return {
    engine: engine.name,
    bareEventsPerSecond,
    pipelineEventsPerSecond,
    ratio: pipelineEventsPerSecond / bareEventsPerSecond,
    memoryPipelineEventsPerSecond: median(memoryPipeline),
    claimP50Us,
    bareWriteP50Us,
  };
}

async function claimLatencyP50(store: Store, claims: number): Promise<number> {
  const p50 = await latencyP50(claims, async (index) => {
    if (!(await store.claimEventId(`claim-${index}`))) throw new Error('a fresh event id was refused');
  });
  await store.close();
  return p50;
}

/** Warm-up calls, then `count` timed one at a time; the p50 in microseconds. */
async function latencyP50(count: number, call: (index: number) => Promise<void>): Promise<number> {
  for (let index = 0; index < count; index++) await call(-1 - index);
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = process.hrtime.bigint();
    await call(index);
    samples.push(Number(process.hrtime.bigint() - started));
  }
  return summarizeNanoseconds(samples).p50;
}

/** The table printed by `pnpm bench`; an engine that could not run gets a `skipped` row. */
export function formatStoreReport(
  results: readonly (StoreBenchResult | { engine: string; skipped: string })[],
): string {
  const rows: string[][] = [
    [
      'store',
      'side',
      'events/s (median of rounds)',
      'ratio to bare',
      `target ≥ ${STORE_WEBHOOK_RATIO_TARGET}`,
      'claim p50',
    ],
  ];
  for (const result of results) {
    if ('skipped' in result) {
      rows.push([result.engine, 'skipped', result.skipped, '', '', '']);
      continue;
    }
    rows.push([
      result.engine,
      'bare verify + 1 insert',
      formatNumber(result.bareEventsPerSecond, 0),
      formatRatio(1),
      '',
      `${formatNumber(result.bareWriteP50Us)} µs`,
    ]);
    rows.push([
      result.engine,
      'paymux.webhooks.handle',
      formatNumber(result.pipelineEventsPerSecond, 0),
      formatRatio(result.ratio),
      verdict(result.ratio >= STORE_WEBHOOK_RATIO_TARGET),
      `${formatNumber(result.claimP50Us)} µs`,
    ]);
    rows.push([
      result.engine,
      'same, on the memory store',
      formatNumber(result.memoryPipelineEventsPerSecond, 0),
      formatRatio(result.memoryPipelineEventsPerSecond / result.bareEventsPerSecond),
      '(reference)',
      '',
    ]);
  }
  return formatTable(rows);
}
