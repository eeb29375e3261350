// One paymux client in its own process, doing one thing and printing the outcome as one JSON
// line: the restart and crash tests start it several times on one SQLite file, as a merchant's
// process restarts. Run with: node --import tsx --conditions=paymux-source paymux-child.ts '<job>'
import { createSqliteStore } from '@paymux/store-sqlite';
import type { IdempotencyRecord, Logger, ProviderPlugin, Store } from '@paymux/core';
import { createPaymux, type PaymuxConfig } from '../../src/index';

/** What the parent asks a child to do. */
export type ChildJob =
  /** Opens the store (crash recovery runs) and closes the client, which waits for recovery. */
  | { action: 'start' }
  | { action: 'createPayment'; account: string; input: Record<string, unknown> }
  | { action: 'webhook'; account: string; rawBody: string; headers: Record<string, string> };

export interface ChildSetup {
  providers: PaymuxConfig['providers'];
  /** The SQLite file every child shares. */
  path: string;
  job: ChildJob;
}

/**
 * Test-only crash hook, read here and nowhere in paymux: with `PAYMUX_TEST_KILL_BEFORE_SETTLE=1`
 * the process SIGKILLs itself once the provider answered a create, before the idempotency record
 * is marked succeeded: the window a crash leaves a record pending.
 */
function dyingBeforeSettle(store: Store): Store {
  return {
    ...store,
    updateIdempotencyRecord: (record: IdempotencyRecord) => {
      if (record.state === 'succeeded') process.kill(process.pid, 'SIGKILL');
      return store.updateIdempotencyRecord(record);
    },
  };
}

const stderrLogger = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [
    level,
    (message: string, fields?: Record<string, unknown>) =>
      process.stderr.write(`${level} ${message} ${JSON.stringify(fields ?? {})}\n`),
  ]),
) as unknown as Logger;

const setup = JSON.parse(process.argv[2] ?? '{}') as ChildSetup;
const types = new Set(Object.values(setup.providers).map((account) => account.type));
// Every first-party adapter exports its plugin as `plugin` (they are devDependencies of the client).
const plugins = await Promise.all(
  [...types].map(async (type) => ((await import(`@paymux/${type}`)) as { plugin: ProviderPlugin }).plugin),
);
const crash = process.env.PAYMUX_TEST_KILL_BEFORE_SETTLE === '1';
const store = crash ? dyingBeforeSettle(await createSqliteStore({ path: setup.path })) : undefined;
const paymux = createPaymux({
  plugins,
  providers: setup.providers,
  // The config's own string form, except when the crash hook must wrap the store.
  store: store ?? `sqlite:${setup.path}`,
  // PAYMUX_TEST_LOG=1 shows paymux's log on stderr, to diagnose a failing restart test.
  ...(process.env.PAYMUX_TEST_LOG === '1' ? { logger: stderrLogger } : {}),
});
const events: string[] = [];
paymux.on('*', (event) => void events.push(event.type));

try {
  const { job } = setup;
  if (job.action === 'start') {
    await paymux.store.getValue('restart-test', 'probe');
    process.stdout.write(`${JSON.stringify({ started: true })}\n`);
  } else if (job.action === 'createPayment') {
    const payment = await paymux.createPayment(job.input as never, { account: job.account });
    process.stdout.write(`${JSON.stringify({ payment, events })}\n`);
  } else {
    const result = await paymux.webhooks.handle(job.account, { rawBody: job.rawBody, headers: job.headers });
    process.stdout.write(
      `${JSON.stringify({ status: result.status, events: result.events.map((event) => event.type), ignored: result.ignored.length })}\n`,
    );
  }
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`);
  process.exitCode = 1;
} finally {
  await paymux.close();
  await store?.close();
}
