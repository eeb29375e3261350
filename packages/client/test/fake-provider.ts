import { createHmac } from 'node:crypto';
import {
  type CallOptions,
  defineProvider,
  getHeader,
  type OperationName,
  type Payment,
  type PaymentStatus,
  type Payout,
  type ProviderCapabilities,
  type ProviderContext,
  type ProviderPlugin,
  paymentEventType,
  rawBodyText,
  ValidationError,
  WebhookVerificationError,
} from '@paymux/core';
import { z } from 'zod';

/** One call an adapter received. */
export interface FakeCall {
  account: string;
  operation: OperationName;
  input: unknown;
  options: CallOptions | undefined;
  /** `Date.now()` when the call reached the backend (fake timers make it deterministic). */
  at: number;
}

const HANG = Symbol('hang');

/** Shared state of every fake account in a test: what was created, what was called, what fails next. */
export class FakeBackend {
  readonly calls: FakeCall[] = [];
  readonly payments = new Map<string, Payment>();
  readonly payouts = new Map<string, Payout>();
  /** The context each account was created with. */
  readonly contexts: ProviderContext[] = [];
  private readonly failures = new Map<string, unknown[]>();
  /** Milliseconds every operation waits before answering (to let concurrent calls overlap). */
  delayMs = 0;
  private counter = 0;

  /** The next call of `operation` on `account` throws `error` (after being recorded). */
  failNext(account: string, operation: OperationName, error: unknown, times = 1): void {
    const key = `${account}:${operation}`;
    this.failures.set(key, [...(this.failures.get(key) ?? []), ...Array(times).fill(error)]);
  }

  /** The next call of `operation` on `account` never answers (a process that died mid-call). */
  hangNext(account: string, operation: OperationName): void {
    this.failNext(account, operation, HANG);
  }

  count(operation: OperationName, account?: string): number {
    return this.calls.filter((call) => call.operation === operation && (!account || call.account === account))
      .length;
  }

  nextId(): number {
    this.counter += 1;
    return this.counter;
  }

  async enter(call: Omit<FakeCall, 'at'>): Promise<void> {
    this.calls.push({ ...call, at: Date.now() });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const queue = this.failures.get(`${call.account}:${call.operation}`);
    const failure = queue?.shift();
    if (failure === HANG) await new Promise(() => {});
    if (failure !== undefined) throw failure;
  }
}

const settingsSchema = z.strictObject({
  apiKey: z.string().min(8),
  webhookSecret: z.string().min(8).optional(),
  label: z.string().optional(),
});

const allOperations = {
  createPayment: {},
  getPayment: {},
  listPayments: {},
  cancelPayment: {},
  createPayout: {},
  getPayout: {},
  listPayouts: {},
  parseWebhook: {},
} as const;

export interface FakePluginOptions {
  /** Operations the fake does not offer. */
  without?: OperationName[];
  rateLimits?: ProviderCapabilities['rateLimits'];
  /** Declares createPayout idempotent (the provider deduplicates by key). */
  idempotentPayouts?: boolean;
  /**
   * Sends every operation through the account's `context.rateLimiter`, at the priority the call
   * options carry, as a real adapter's HTTP client does.
   */
  useRateLimiter?: boolean;
}

/** A webhook body the fake understands. */
export interface FakeWebhookBody {
  id: string;
  paymentId: string;
  status: PaymentStatus;
  amountDelta?: Payment['amountDelta'];
  occurredAt: string;
  note?: string;
}

/** Signs a fake webhook body the way the fake provider verifies it. */
export function signFake(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

const at = '2026-01-01T00:00:00.000Z';

/** A provider plugin of type `type` backed by `backend`, built with core's `defineProvider`. */
export function createFakePlugin(
  type: string,
  backend: FakeBackend,
  options: FakePluginOptions = {},
): ProviderPlugin<typeof settingsSchema> {
  const operations: Partial<Record<OperationName, object>> = { ...allOperations };
  for (const name of options.without ?? []) delete operations[name];
  if (options.idempotentPayouts)
    operations.createPayout = { idempotent: true, idempotencyKey: 'idempotency-key' };
  const capabilities: ProviderCapabilities = {
    operations,
    flows: ['hosted', 'deposit_address'],
    assets: 'any',
    webhooks: { verification: ['signature'] },
    rateLimits: options.rateLimits,
  };
  return {
    type,
    settingsSchema,
    capabilities,
    secretFields: ['apiKey', 'webhookSecret'],
    create(settings, context) {
      backend.contexts.push(context);
      const account = context.account;
      const enter = (operation: OperationName, input: unknown, callOptions?: CallOptions) =>
        backend.enter({ account, operation, input, options: callOptions });
      const implementation = {
        async createPayment(input, callOptions) {
          await enter('createPayment', input, callOptions);
          const n = backend.nextId();
          const payment: Payment = {
            id: `${type}_${n}`,
            provider: account,
            providerType: type,
            providerPaymentId: `p${n}`,
            reference: input.reference,
            flow: input.flow ?? 'hosted',
            status: 'requires_payment',
            rawStatus: 'NEW',
            amount: input.amount,
            amountDelta: 'none',
            transfers: [],
            createdAt: at,
            updatedAt: at,
            raw: { id: n },
          };
          backend.payments.set(payment.id, payment);
          return structuredClone(payment);
        },
        async getPayment(id, callOptions) {
          await enter('getPayment', id, callOptions);
          const payment = backend.payments.get(id);
          if (!payment) throw new Error(`no payment ${id}`);
          return structuredClone(payment);
        },
        async listPayments(input, callOptions) {
          await enter('listPayments', input, callOptions);
          const items = [...backend.payments.values()].filter(
            (payment) =>
              payment.provider === account && (!input?.reference || payment.reference === input.reference),
          );
          return { items: structuredClone(items) };
        },
        async cancelPayment(input, callOptions) {
          await enter('cancelPayment', input, callOptions);
          const payment = backend.payments.get(input.paymentId);
          if (!payment) throw new Error('no payment');
          payment.status = 'cancelled';
          return structuredClone(payment);
        },
        async createPayout(input, callOptions) {
          await enter('createPayout', input, callOptions);
          const n = backend.nextId();
          const payout: Payout = {
            id: `${type}_po_${n}`,
            provider: account,
            providerType: type,
            providerPayoutId: `po${n}`,
            reference: input.reference,
            status: 'pending',
            rawStatus: 'PENDING',
            amount: input.amount,
            destination: input.destination,
            createdAt: at,
            updatedAt: at,
            raw: {},
          };
          backend.payouts.set(payout.id, payout);
          return structuredClone(payout);
        },
        async getPayout(id, callOptions) {
          await enter('getPayout', id, callOptions);
          const payout = backend.payouts.get(id);
          if (!payout) throw new Error('no payout');
          return structuredClone(payout);
        },
        async listPayouts(input, callOptions) {
          await enter('listPayouts', input, callOptions);
          const items = [...backend.payouts.values()].filter(
            (payout) =>
              payout.provider === account && (!input?.reference || payout.reference === input.reference),
          );
          return { items: structuredClone(items) };
        },
        async parseWebhook(request) {
          const text = rawBodyText(request);
          const secret = settings.webhookSecret ?? settings.apiKey;
          if (getHeader(request, 'x-fake-signature') !== signFake(secret, text)) {
            throw new WebhookVerificationError('bad signature', { provider: account });
          }
          let body: FakeWebhookBody;
          try {
            body = JSON.parse(text) as FakeWebhookBody;
          } catch {
            throw new ValidationError('webhook body is not JSON', { provider: account });
          }
          const known = backend.payments.get(body.paymentId);
          const payment: Payment = {
            ...(known ?? {
              id: body.paymentId,
              provider: account,
              providerType: type,
              providerPaymentId: body.paymentId,
              reference: `ref-${body.paymentId}`,
              flow: 'hosted',
              amount: { amount: '10', currency: 'EUR' },
              transfers: [],
              createdAt: at,
            }),
            status: body.status,
            rawStatus: body.status.toUpperCase(),
            amountDelta: body.amountDelta ?? 'none',
            updatedAt: body.occurredAt,
            raw: body,
          } as Payment;
          const event = {
            id: body.id,
            object: 'payment' as const,
            type: paymentEventType(payment),
            provider: account,
            providerType: type,
            occurredAt: body.occurredAt,
            verifiedBy: 'signature' as const,
            data: payment,
            raw: body,
          };
          return {
            events: [event],
            response: { status: 200, body: 'OK', headers: { 'content-type': 'text/plain' } },
          };
        },
      } satisfies Partial<import('@paymux/core').ProviderOperations>;
      const selected = Object.fromEntries(
        Object.entries(implementation).filter(([name]) => operations[name as OperationName] !== undefined),
      ) as typeof implementation;
      const limiter = context.rateLimiter;
      if (options.useRateLimiter && limiter) {
        for (const [name, operation] of Object.entries(selected)) {
          const original = operation as (...args: unknown[]) => Promise<unknown>;
          (selected as Record<string, unknown>)[name] = (...args: unknown[]) => {
            const priority = args
              .map((arg) => (arg as { priority?: 'high' | 'low' } | undefined)?.priority)
              .find((value) => value !== undefined);
            return name === 'parseWebhook'
              ? original(...args)
              : limiter.schedule(() => original(...args), priority);
          };
        }
      }
      return defineProvider({
        type,
        account,
        capabilities,
        api: { settings: { label: settings.label } },
        operations: selected,
      });
    },
  };
}
