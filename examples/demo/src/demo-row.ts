/** One line of the demo's summary: a step, what it had to reach and what it reached. */
export interface DemoRow {
  /** What the step did, e.g. `hosted payment, exact amount`. */
  step: string;
  /** The account name from the config file. */
  account: string;
  /** The provider type behind the account (`defexa`, …). */
  provider: string;
  /** `hosted`, `deposit_address`, `tracking`, `payout`, `refund`. */
  flow: string;
  /** The unified status the step had to reach, with the amount delta where it matters (`succeeded/over`). */
  expected: string;
  /** The unified status it reached (`skipped` when it could not run). */
  status: string;
  /** Amount and currency, e.g. `10 ALGO`. */
  amount: string;
  /** The webhook event type that announced the state, when one arrived through the client's handler. */
  webhook: string;
  /** Milliseconds from the step's start until the state was reached. */
  ms: number;
  /** True when `status` is `expected` (and the webhook arrived when one was required). */
  ok: boolean;
  /** Why a step was skipped or failed, or a remark. */
  note?: string;
}

/** Where the demo writes its progress lines. */
export type DemoLog = (line: string) => void;

/** The result of a step's body: what it reached, and which webhook announced it. */
export interface StepOutcome {
  status: string;
  amount: string;
  webhook?: string;
  note?: string;
}

/** A step before it ran. `webhookRequired` makes a missing webhook a failure. */
export interface StepPlan {
  step: string;
  account: string;
  provider: string;
  flow: string;
  expected: string;
  webhookRequired?: boolean;
}

/**
 * Runs one step, times it, logs one line and returns its row. A step that throws is a failed row
 * carrying the error's message (never its details, which could hold provider payloads).
 */
export async function runStep(
  plan: StepPlan,
  log: DemoLog,
  body: () => Promise<StepOutcome>,
): Promise<DemoRow> {
  const started = performance.now();
  let row: DemoRow;
  try {
    const outcome = await body();
    const webhookOk = !plan.webhookRequired || outcome.webhook !== undefined;
    const ok = outcome.status === plan.expected && webhookOk;
    const note = [outcome.note, webhookOk ? undefined : 'no webhook arrived'].filter(Boolean).join('; ');
    row = {
      ...rowBase(plan),
      status: outcome.status,
      amount: outcome.amount,
      webhook: outcome.webhook ?? '-',
      ms: Math.round(performance.now() - started),
      ok,
      ...(note ? { note } : {}),
    };
  } catch (error) {
    row = {
      ...rowBase(plan),
      status: 'error',
      amount: '-',
      webhook: '-',
      ms: Math.round(performance.now() - started),
      ok: false,
      note: `${(error as Error).name}: ${(error as Error).message}`,
    };
  }
  log(progressLine(row));
  return row;
}

/** A step the account cannot do, reported as skipped with the reason (it does not fail the demo). */
export function skippedRow(plan: Omit<StepPlan, 'expected'>, reason: string, log: DemoLog): DemoRow {
  const row: DemoRow = {
    ...rowBase({ ...plan, expected: 'skipped' }),
    status: 'skipped',
    amount: '-',
    webhook: '-',
    ms: 0,
    ok: true,
    note: reason,
  };
  log(progressLine(row));
  return row;
}

function rowBase(plan: StepPlan): Pick<DemoRow, 'step' | 'account' | 'provider' | 'flow' | 'expected'> {
  return {
    step: plan.step,
    account: plan.account,
    provider: plan.provider,
    flow: plan.flow,
    expected: plan.expected,
  };
}

function progressLine(row: DemoRow): string {
  const mark = row.status === 'skipped' ? 'SKIP' : row.ok ? ' OK ' : 'FAIL';
  const webhook = row.webhook === '-' ? '' : ` (webhook ${row.webhook})`;
  const note = row.note ? ` - ${row.note}` : '';
  return `[${mark}] ${row.provider.padEnd(8)} ${row.flow.padEnd(15)} ${row.step}: ${row.status}${webhook}${note}`;
}
