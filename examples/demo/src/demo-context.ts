import type { Paymux } from '@paymux/client';
import type { Payment, Payout, ProviderCapabilities, WebhookEvent } from '@paymux/core';
import type { Sandbox } from '@paymux/sandbox';
import type { DemoLog, DemoRow, StepPlan } from './demo-row';
import type { WebhookEventTracker } from './event-tracker';

/** What every step of the demo works with. */
export interface DemoContext {
  /** The client built from the config file (replaced when the config is edited). */
  paymux: Paymux;
  /** Plays the customer and the blockchain. */
  sandbox: Sandbox;
  /** Webhook events announced through the client's handler. */
  tracker: WebhookEventTracker;
  /** The callback URL of one account on the demo's loopback receiver. */
  webhookUrl(account: string): string;
  log: DemoLog;
}

/** One account as the steps see it. */
export interface DemoAccount {
  name: string;
  type: string;
  capabilities: ProviderCapabilities;
}

/** The steps the demo can run for one provider type. */
export type ProviderScenario = (context: DemoContext, account: DemoAccount) => Promise<DemoRow[]>;

/** `succeeded`, or `succeeded/over` when the amount delta is worth showing. */
export function paymentLabel(payment: Pick<Payment, 'status' | 'amountDelta'>): string {
  return payment.amountDelta === 'under' || payment.amountDelta === 'over'
    ? `${payment.status}/${payment.amountDelta}`
    : payment.status;
}

/** `10 ALGO` */
export function moneyLabel(money: { amount: string; currency: string }): string {
  return `${money.amount} ${money.currency}`;
}

const POLL_INTERVAL_MS = 50;

async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || performance.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** How to recognise the state a step waits for. */
export interface TrackOptions<T> {
  account: string;
  id: string;
  /** The state the step expects. */
  reached: (value: T) => boolean;
  /** The webhook event that announces it. */
  webhook: (event: WebhookEvent) => boolean;
  /** How long to wait for that webhook before reading the state by polling. */
  webhookWaitMs: number;
}

/**
 * Waits for the webhook announcing the expected state, then reads the object back with the API
 * (polling at a short interval until it is there). Waiting first matters: the client announces
 * each state once, and a poll that saw it first would leave the webhook nothing new to say.
 */
export async function trackPayment(
  context: DemoContext,
  options: TrackOptions<Payment>,
): Promise<{ payment: Payment; webhook?: string }> {
  const event = await context.tracker.waitFor(options.webhook, options.webhookWaitMs);
  const payment = await pollUntil(
    () => context.paymux.getPayment(options.id, { account: options.account }),
    options.reached,
    5_000,
  );
  return { payment, ...(event ? { webhook: event.type } : {}) };
}

/** Like `trackPayment`, for a payout. */
export async function trackPayout(
  context: DemoContext,
  options: TrackOptions<Payout>,
): Promise<{ payout: Payout; webhook?: string }> {
  const event = await context.tracker.waitFor(options.webhook, options.webhookWaitMs);
  const payout = await pollUntil(
    () => context.paymux.getPayout(options.id, { account: options.account }),
    options.reached,
    5_000,
  );
  return { payout, ...(event ? { webhook: event.type } : {}) };
}

/**
 * Follows a payout the sandbox was told to approve until it reads back `succeeded`, and gives the
 * fields of its summary row.
 */
export async function payoutSucceededRow(
  context: DemoContext,
  account: string,
  created: Payout,
  webhookWaitMs: number,
): Promise<{ status: Payout['status']; amount: string; webhook?: string }> {
  const tracked = await trackPayout(context, {
    account,
    id: created.id,
    reached: (read) => read.status === 'succeeded',
    webhook: (event) =>
      event.object === 'payout' && event.data.id === created.id && event.data.status === 'succeeded',
    webhookWaitMs,
  });
  return {
    status: tracked.payout.status,
    amount: moneyLabel(created.amount),
    ...(tracked.webhook ? { webhook: tracked.webhook } : {}),
  };
}

/** Matches a payment event of one payment in a given status. */
export function paymentEvent(id: string, status: Payment['status']) {
  return (event: WebhookEvent) =>
    event.object === 'payment' && event.data.id === id && event.data.status === status;
}

/** How long a scenario step waits for the webhook that announces its final state. */
export const WEBHOOK_WAIT_MS = 5_000;

/** The plan of a step whose row needs the webhook that announces its outcome. */
export function webhookStepPlan(
  account: DemoAccount,
  step: string,
  flow: string,
  expected: string,
): StepPlan {
  return { step, account: account.name, provider: account.type, flow, expected, webhookRequired: true };
}
