import { fileURLToPath } from 'node:url';
import { createMemoryStore, type Paymux } from '@paymux/client';
import type { OperationName } from '@paymux/core';
import { type SandboxCredentials, startSandbox } from '@paymux/sandbox';
import { clientFromConfigFile, sandboxEnv } from './demo-client';
import type { DemoAccount, DemoContext, ProviderScenario } from './demo-context';
import { type DemoLog, type DemoRow, skippedRow } from './demo-row';
import { WebhookEventTracker } from './event-tracker';
import { configSwitch } from './steps/config-switch';
import { defexaScenario } from './steps/defexa-scenario';
import { depayScenario } from './steps/depay-scenario';
import { finraxScenario } from './steps/finrax-scenario';
import { forumpayScenario } from './steps/forumpay-scenario';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  /** Where progress lines go. Default: nowhere. */
  log?: DemoLog;
  /** The config file. Default: `examples/demo/paymux.config.json`. */
  configPath?: string;
  /** Credentials the sandbox accepts. Default: generated at start-up. */
  sandboxCredentials?: SandboxCredentials;
}

/** What the demo did. */
export interface DemoResult {
  /** One row per step, in order. */
  rows: DemoRow[];
  /** True when every step reached its expected state (skipped steps do not count against it). */
  ok: boolean;
  /** HTTP answers the webhook receiver gave, per account. */
  webhookAnswers: Record<string, number[]>;
}

/** The scripted session of each provider type the demo knows. */
const scenarios: Record<string, ProviderScenario> = {
  defexa: defexaScenario,
  forumpay: forumpayScenario,
  finrax: finraxScenario,
  depay: depayScenario,
};

/** Money movements the demo shows when the provider offers them, with the row's flow name. */
const moneyOperations: { operation: OperationName; flow: string }[] = [
  { operation: 'createPayout', flow: 'payout' },
  { operation: 'createRefund', flow: 'refund' },
];

export const defaultConfigPath = fileURLToPath(new URL('../paymux.config.json', import.meta.url));

/** Runs the account's scenario, then reports as skipped what its capability map offers that the demo could not show. */
async function runAccount(context: DemoContext, account: DemoAccount): Promise<DemoRow[]> {
  const base = { account: account.name, provider: account.type };
  const scenario = scenarios[account.type];
  if (!scenario) {
    return [
      skippedRow(
        { ...base, step: 'session', flow: '-' },
        `the demo has no scripted session for ${account.type}`,
        context.log,
      ),
    ];
  }
  const rows = await scenario(context, account);
  for (const flow of account.capabilities.flows) {
    if (!rows.some((row) => row.flow === flow)) {
      rows.push(
        skippedRow({ ...base, step: 'payment', flow }, `no demo step for the ${flow} flow`, context.log),
      );
    }
  }
  for (const { operation, flow } of moneyOperations) {
    if (rows.some((row) => row.flow === flow)) continue;
    const reason = account.capabilities.operations[operation]
      ? `no demo step for ${operation}`
      : `${account.type} does not offer ${operation} (capability map)`;
    rows.push(skippedRow({ ...base, step: flow, flow }, reason, context.log));
  }
  return rows;
}

/**
 * The demo session: starts the sandbox and a webhook receiver, loads the config file, runs every
 * account's payments, payouts and refunds through `@paymux/client`, switches provider by editing
 * the config, and returns one row per step. Closes everything it started, also on failure.
 *
 * @example
 * const { rows, ok } = await runDemo({ log: console.log });
 * console.log(summaryTable(rows));
 * process.exitCode = ok ? 0 : 1;
 */
export async function runDemo(options: RunDemoOptions = {}): Promise<DemoResult> {
  const log = options.log ?? (() => {});
  const configPath = options.configPath ?? defaultConfigPath;
  // Webhook retries and chaos delays run at 1/1000 of real time, so the session takes seconds.
  const sandbox = await startSandbox({
    timeScale: 0.001,
    ...(options.sandboxCredentials ? { credentials: options.sandboxCredentials } : {}),
  });
  const tracker = new WebhookEventTracker();
  const store = createMemoryStore();
  let current: Paymux | undefined;
  let receiver: WebhookReceiver | undefined;
  try {
    receiver = await startWebhookReceiver(() => {
      if (!current) throw new Error('no client yet');
      return current;
    });
    const hooksUrl = receiver.url;
    log(`sandbox started at ${sandbox.url}; webhooks received at ${hooksUrl}/<account>`);
    const env = { ...process.env, ...sandboxEnv(sandbox, hooksUrl) };
    const load = async (path: string) => (await clientFromConfigFile(path, env, store)).paymux;
    const { paymux, config } = await clientFromConfigFile(configPath, env, store);
    current = paymux;
    tracker.attach(paymux);
    const accounts: DemoAccount[] = paymux
      .accounts()
      .map(({ name, type }) => ({ name, type, capabilities: paymux.account(name).capabilities }));
    log(`config ${configPath}: ${accounts.map((account) => `${account.name} (${account.type})`).join(', ')}`);

    const context: DemoContext = {
      paymux,
      sandbox,
      tracker,
      webhookUrl: (account) => `${hooksUrl}/${account}`,
      log,
    };
    // Finrax sends callbacks to URLs set per business (its dashboard), not per request.
    for (const account of accounts.filter((item) => item.type === 'finrax')) {
      const url = context.webhookUrl(account.name);
      sandbox.control.setFinraxCallbackUrls({ deposit: url, withdrawal: url, withdrawalApproval: url });
    }

    const rows: DemoRow[] = [];
    for (const account of accounts) rows.push(...(await runAccount(context, account)));

    const original = accounts.find((account) => account.name === config.routing?.default);
    const other = accounts.find(
      (account) =>
        account !== original &&
        account.type !== original?.type &&
        (account.type === 'forumpay' || account.type === 'finrax'),
    );
    if (original && other && (original.type === 'forumpay' || original.type === 'finrax')) {
      rows.push(
        ...(await configSwitch(context, {
          configPath,
          original: { account: original.name, type: original.type },
          switchTo: { account: other.name, type: other.type },
          load,
          adopt: (next) => {
            tracker.attach(next);
            context.paymux = next;
            current = next;
          },
        })),
      );
    } else {
      rows.push(
        skippedRow(
          {
            account: config.routing?.default ?? '-',
            provider: original?.type ?? '-',
            step: 'switch',
            flow: '-',
          },
          'the config switch needs routing.default on a ForumPay or Finrax account and one of the other',
          log,
        ),
      );
    }
    return {
      rows,
      ok: rows.every((row) => row.ok),
      webhookAnswers: Object.fromEntries(receiver.answers),
    };
  } finally {
    await receiver?.close();
    await sandbox.close();
  }
}
