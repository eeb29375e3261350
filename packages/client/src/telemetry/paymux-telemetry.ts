import { observeProviderCall, PAYMUX_VERSION, type Redactor } from '@paymux/core';
import type { WebhookHandleResult } from '../webhooks/webhook-result';
import { CallTelemetry } from './call-telemetry';
import { loadOtelApi, type OtelApi } from './otel-api';
import type {
  OtelMeter as Meter,
  OtelMeterProvider as MeterProvider,
  OtelSpan as Span,
  OtelTracer as Tracer,
  OtelTracerProvider as TracerProvider,
} from './otel-types';
import { createInstruments, type TelemetryInstruments } from './telemetry-instruments';
import type { TelemetryOptions } from './telemetry-options';
import { PollTelemetry, type PollSkipReason, type PollTarget, pollMetricAttributes } from './poll-telemetry';
import { safeAttributes } from './telemetry-attributes';
import { WebhookTelemetry } from './webhook-telemetry';

/** The instrumentation scope of every span and metric paymux makes. */
export const TELEMETRY_SCOPE = '@paymux/client';
/** `SpanKind.INTERNAL`: the HTTP requests inside a call are the client spans, if instrumented. */
const SPAN_KIND_INTERNAL = 0;

/**
 * A client's spans and metrics. Created only when there is somewhere to send them (an explicit
 * provider, or `@opentelemetry/api` installed); even then a call whose span does not record and
 * whose meter is the API's no-op costs one no-op span and no async context.
 *
 * @example
 * const telemetry = PaymuxTelemetry.create(config.telemetry, secrets.redact);
 * const payment = telemetry
 *   ? await telemetry.call('getPayment', (call) => run(call))
 *   : await run(undefined);
 */
export class PaymuxTelemetry {
  /** The tracer of the explicit tracer provider, or of the global one last seen. */
  private tracerOf: { provider: TracerProvider; tracer: Tracer } | undefined;
  /** Instruments of the explicit meter provider, or of the global one last seen. */
  private instrumentsOf:
    | { provider: MeterProvider; instruments: TelemetryInstruments | undefined }
    | undefined;

  private constructor(
    private readonly api: OtelApi | undefined,
    private readonly options: TelemetryOptions,
    private readonly redact: Redactor,
  ) {}

  /** `undefined` when neither a provider is given nor `@opentelemetry/api` is installed. */
  static create(
    options: TelemetryOptions | undefined,
    redact: Redactor,
    loadApi: () => OtelApi | undefined = loadOtelApi,
  ): PaymuxTelemetry | undefined {
    const given = options ?? {};
    const api = loadApi();
    if (!api && !given.tracerProvider && !given.meterProvider) return undefined;
    return new PaymuxTelemetry(api, given, redact);
  }

  /** Runs one client operation inside its span (`paymux.<operation>`), and counts it. */
  async call<T>(operation: string, run: (call: CallTelemetry | undefined) => Promise<T>): Promise<T> {
    const span = this.startSpan(`paymux.${operation}`, operation);
    const instruments = this.instruments();
    if (!span && !instruments) return run(undefined);
    const call = new CallTelemetry(operation, span, instruments, this.redact);
    try {
      const result = await this.within(span, () => observeProviderCall(call, () => run(call)));
      call.succeeded(result);
      return result;
    } catch (error) {
      call.failed(error);
      throw error;
    }
  }

  /** Runs one webhook delivery inside its span (`paymux.webhook`), and counts its outcome. */
  async webhook(
    account: string,
    run: (webhook: WebhookTelemetry | undefined) => Promise<WebhookHandleResult>,
  ): Promise<WebhookHandleResult> {
    const span = this.startSpan('paymux.webhook', 'webhook');
    const instruments = this.instruments();
    if (!span && !instruments) return run(undefined);
    const webhook = new WebhookTelemetry(account, span, instruments, this.redact);
    try {
      const result = await this.within(span, () => run(webhook));
      webhook.end(result);
      return result;
    } catch (error) {
      webhook.end(undefined, error);
      throw error;
    }
  }

  /**
   * Runs one background poll of the status tracker inside its span (`paymux.tracker.poll`), and
   * counts it. The span is the root of its own trace: the timer that fired it was armed inside
   * whatever ran before (a caller's request, the previous poll), which it is not part of.
   *
   * @example
   * await telemetry.poll({ account: 'main', providerType: 'finrax', kind: 'payment', attempt: 0 }, (poll) =>
   *   pollOnce(entry, poll),
   * );
   */
  async poll(target: PollTarget, run: (poll: PollTelemetry | undefined) => Promise<void>): Promise<void> {
    const operation = target.kind === 'payment' ? 'getPayment' : 'getPayout';
    const span = this.startSpan('paymux.tracker.poll', operation, true);
    const instruments = this.instruments();
    if (!span && !instruments) return run(undefined);
    const poll = new PollTelemetry(target, span, instruments, this.redact);
    try {
      await this.within(span, () => observeProviderCall(poll, () => run(poll)), true);
      poll.end();
    } catch (error) {
      poll.end(error);
      throw error;
    }
  }

  /** Counts a due poll this instance left to another: the object's lease was held elsewhere. */
  pollSkipped(target: PollTarget, reason: Extract<PollSkipReason, 'leased_elsewhere'>): void {
    this.instruments()?.trackerSkippedPolls.add(
      1,
      safeAttributes(pollMetricAttributes(target, { 'paymux.tracker.skip_reason': reason }), this.redact),
    );
  }

  /** A recording span, or `undefined` (no tracer, the API's no-op, or not sampled): ended at once. */
  private startSpan(name: string, operation: string, root = false): Span | undefined {
    const span = this.tracer()?.startSpan(name, {
      kind: SPAN_KIND_INTERNAL,
      attributes: { 'paymux.operation': operation },
      ...(root ? { root } : {}),
    });
    if (!span) return undefined;
    if (span.isRecording()) return span;
    span.end();
    return undefined;
  }

  /**
   * Makes `span` the active one, so that instrumented HTTP requests and logs nest under it;
   * `root` runs from the empty context, so that nothing nests under a span that has ended.
   */
  private within<T>(span: Span | undefined, run: () => Promise<T>, root = false): Promise<T> {
    const api = this.api;
    if (!api) return run();
    const base = root ? (api.ROOT_CONTEXT ?? api.context.active()) : api.context.active();
    if (!span) return root ? api.context.with(base, run) : run();
    return api.context.with(api.trace.setSpan(base, span), run);
  }

  private tracer(): Tracer | undefined {
    // Looked up on every call, like the meter: the global provider may be registered later, and
    // by another copy of the API module than this one, whose proxy would never learn of it.
    const provider =
      (this.options.tracerProvider as TracerProvider | undefined) ?? this.api?.trace.getTracerProvider();
    if (!provider) return undefined;
    if (this.tracerOf?.provider !== provider) {
      this.tracerOf = { provider, tracer: provider.getTracer(TELEMETRY_SCOPE, PAYMUX_VERSION) };
    }
    return this.tracerOf.tracer;
  }

  private instruments(): TelemetryInstruments | undefined {
    const provider =
      (this.options.meterProvider as MeterProvider | undefined) ?? this.api?.metrics.getMeterProvider();
    if (!provider) return undefined;
    // The global provider may be registered after createPaymux: looked up on every call, built once per provider.
    if (this.instrumentsOf?.provider !== provider) {
      const meter: Meter = provider.getMeter(TELEMETRY_SCOPE, PAYMUX_VERSION);
      const noop = this.api !== undefined && meter === this.api.createNoopMeter();
      this.instrumentsOf = { provider, instruments: noop ? undefined : createInstruments(meter) };
    }
    return this.instrumentsOf.instruments;
  }
}
