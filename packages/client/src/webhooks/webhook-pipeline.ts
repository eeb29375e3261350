import {
  ConfigurationError,
  type Logger,
  PaymuxError,
  ProviderResponseError,
  ValidationError,
  type WebhookContext,
  type WebhookEvent,
  WebhookVerificationError,
} from '@paymux/core';
import type { EventPublisher } from '../events/event-publisher';
import type { ProviderRegistry } from '../registry/provider-registry';
import type { PaymuxTelemetry } from '../telemetry/paymux-telemetry';
import type { WebhookTelemetry } from '../telemetry/webhook-telemetry';
import type { Store } from '@paymux/core';
import type { IgnoredWebhookEvent, IncomingWebhook, WebhookHandleResult } from './webhook-result';

// The result types live in their own file so telemetry can name them without importing the pipeline.
export type { IgnoredWebhookEvent, IncomingWebhook, WebhookHandleResult } from './webhook-result';

const RAW_BODY_HELP =
  'webhooks.handle needs the raw request body (a string or Uint8Array) to verify the signature, but got an already-parsed value. ' +
  'With Express use express.raw({ type: "*/*" }) on the webhook route (not express.json()); ' +
  'with node:http collect the request chunks into a Buffer; with the Fetch API use await request.text().';

const json = (value: unknown) => JSON.stringify(value);
const jsonHeaders = { 'content-type': 'application/json' };

/**
 * verify (fail closed) → normalize → deduplicate → regression guard → emit → the provider's
 * expected answer. Verification failure answers 401 (400 for a malformed body) and emits nothing.
 */
export class WebhookPipeline {
  private readonly contexts = new Map<string, WebhookContext>();

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly store: Store,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly telemetry?: PaymuxTelemetry,
  ) {}

  handle(account: string, request: IncomingWebhook): Promise<WebhookHandleResult> {
    if (!this.telemetry) return this.process(account, request);
    return this.telemetry.webhook(account, (observed) => this.process(account, request, observed));
  }

  private async process(
    account: string,
    request: IncomingWebhook,
    observed?: WebhookTelemetry,
  ): Promise<WebhookHandleResult> {
    const rawBody = (request as { rawBody?: unknown }).rawBody;
    if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array)) {
      throw new ConfigurationError(RAW_BODY_HELP, { field: 'rawBody' });
    }
    const provider = this.registry.provider(account);
    observed?.provider(provider.type);
    let parsed: Awaited<ReturnType<typeof provider.parseWebhook>>;
    try {
      parsed = await provider.parseWebhook(
        { rawBody, headers: request.headers, url: request.url, method: request.method },
        this.contextOf(account),
      );
    } catch (error) {
      observed?.failed(error);
      return this.failure(account, error);
    }
    observed?.verified(parsed.events);
    const events: WebhookEvent[] = [];
    const ignored: IgnoredWebhookEvent[] = [];
    try {
      for (const event of parsed.events) {
        // The account is ours to name: an event belongs to the account it was delivered to.
        // Adapters already name it, so the copy is usually not needed.
        const scoped =
          event.provider === account && event.data.provider === account
            ? event
            : ({ ...event, provider: account, data: { ...event.data, provider: account } } as WebhookEvent);
        const published = await this.publisher.publishWebhookEvent(scoped);
        if (published.outcome === 'emitted') events.push(published.event);
        else ignored.push({ id: scoped.id, type: scoped.type, reason: published.outcome });
      }
    } catch (error) {
      // The store failed: events not yet recorded are released, so the provider's retry delivers them.
      observed?.failed(error);
      return this.failure(account, error);
    }
    return {
      status: parsed.response.status,
      body: parsed.response.body ?? '',
      headers: parsed.response.headers ? { ...parsed.response.headers } : {},
      events,
      ignored,
    };
  }

  /**
   * The context lent to the account's parser, built once per account: a webhook is a hot path,
   * and the context's closures would otherwise be rebuilt for every delivery. Rebuilt when the
   * account's state changes (an account registered again under the same name).
   */
  private contextOf(account: string): WebhookContext {
    const state = this.registry.accountState(account);
    const cached = this.contexts.get(account);
    if (cached?.state === state) return cached;
    const store = this.store;
    const context: WebhookContext = {
      now: this.now,
      isKnownObject: (kind, providerId) => store.isKnownObject(account, kind, providerId),
      state,
      // The publisher redacts every event it emits with all accounts' secrets.
      redactsEvents: true,
    };
    this.contexts.set(account, context);
    return context;
  }

  private failure(account: string, error: unknown): WebhookHandleResult {
    const base = { events: [], ignored: [], headers: jsonHeaders };
    if (WebhookVerificationError.is(error)) {
      this.logger.warn('paymux webhook rejected', { account, reason: error.message });
      // Not confirmed *yet* (the read-back could not reach the provider): refused, nothing emitted,
      // but answered 503 so that the provider delivers it again.
      return { ...base, status: error.retryable ? 503 : 401, body: json({ error: error.code }) };
    }
    if (ValidationError.is(error) || ProviderResponseError.is(error)) {
      this.logger.warn('paymux webhook malformed', { account, reason: error.message });
      return { ...base, status: 400, body: json({ error: error.code }) };
    }
    // Anything else (the provider could not be reached to confirm, a bug): the provider retries.
    const code = PaymuxError.is(error) ? error.code : 'internal_error';
    this.logger.error('paymux webhook failed', { account, code, error: String(error) });
    return {
      ...base,
      status: PaymuxError.is(error) && error.retryable ? 503 : 500,
      body: json({ error: code }),
    };
  }
}
