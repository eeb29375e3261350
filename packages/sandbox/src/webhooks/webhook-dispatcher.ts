import { EventEmitter } from 'node:events';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ChaosPolicy } from '../core/chaos-policy';
import type { SandboxClock } from '../core/sandbox-clock';
import type { SandboxScheduler } from '../core/sandbox-scheduler';
import type { WebhookDelivery, WebhookPlan } from './webhook-types';

/**
 * Delivers webhooks as real HTTP POSTs, retrying on each provider's schedule (through the
 * scheduler, so `timeScale` and `advanceTime` apply), and keeps a log of every delivery.
 */
export class WebhookDispatcher {
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly events = new EventEmitter();
  private sequence = 0;
  private closed = false;

  constructor(
    private readonly clock: SandboxClock,
    private readonly scheduler: SandboxScheduler,
    private readonly chaos: ChaosPolicy,
  ) {
    this.events.setMaxListeners(0);
  }

  /** Queues a webhook (and, under chaos, its duplicate). */
  send(plan: WebhookPlan): WebhookDelivery {
    const delivery = this.start(plan, false);
    if (this.chaos.duplicateWebhook()) this.start(plan, true);
    return delivery;
  }

  /** Every delivery so far, oldest first (copies, safe to keep). */
  list(): WebhookDelivery[] {
    return this.deliveries.map((delivery) => ({
      ...delivery,
      headers: { ...delivery.headers },
      attempts: delivery.attempts.map((attempt) => ({ ...attempt })),
    }));
  }

  /** Forgets the log (deliveries under way still finish). */
  clear(): void {
    this.deliveries.length = 0;
  }

  /** Resolves with the first delivery matching `predicate` once an attempt of it has been made. */
  waitFor(predicate: (delivery: WebhookDelivery) => boolean, timeoutMs: number): Promise<WebhookDelivery> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.list().find((delivery) => delivery.attempts.length > 0 && predicate(delivery));
        if (!found) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`No matching webhook delivery within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.events.off('attempt', check);
      };
      if (!check()) this.events.on('attempt', check);
    });
  }

  /** Stops scheduling attempts. */
  close(): void {
    this.closed = true;
  }

  private start(plan: WebhookPlan, duplicate: boolean): WebhookDelivery {
    this.sequence += 1;
    const delivery: WebhookDelivery = {
      id: `wh_${this.sequence}`,
      provider: plan.provider,
      event: plan.event,
      url: plan.url,
      body: plan.body,
      headers: plan.headers(plan.body),
      attempts: [],
      state: 'scheduled',
      duplicate,
    };
    this.deliveries.push(delivery);
    this.scheduler.schedule(this.chaos.webhookExtraDelay(), () => void this.attempt(plan, delivery));
    return delivery;
  }

  private async attempt(plan: WebhookPlan, delivery: WebhookDelivery): Promise<void> {
    if (this.closed) return;
    const headers = delivery.attempts.length === 0 ? delivery.headers : plan.headers(plan.body);
    delivery.headers = headers;
    const at = this.clock.iso();
    const outcome = await post(plan.url, headers, plan.body, plan.retry.timeoutMs);
    delivery.attempts.push({ at, status: outcome.status, error: outcome.error });
    if (outcome.status !== null && plan.retry.accepts(outcome.status)) {
      delivery.state = 'delivered';
      plan.onAccepted?.(outcome.status);
    } else {
      const retry = delivery.attempts.length;
      if (retry > plan.retry.maxRetries) delivery.state = 'failed';
      else {
        delivery.state = 'retrying';
        this.scheduler.schedule(plan.retry.delayMs(retry), () => void this.attempt(plan, delivery));
      }
    }
    this.events.emit('attempt');
  }
}

interface PostOutcome {
  status: number | null;
  error: string | null;
}

function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ status: null, error: `Invalid callback URL: ${url}` });
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const payload = Buffer.from(body, 'utf8');
    const outgoing = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length), connection: 'close' },
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? null, error: null }));
        response.on('error', (error) => resolve({ status: null, error: error.message }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`No answer within ${timeoutMs} ms`)));
    outgoing.on('error', (error) => resolve({ status: null, error: error.message }));
    outgoing.end(payload);
  });
}
