// The parts of `@opentelemetry/api` paymux uses, declared here: the package is an optional peer,
// so paymux's published types must not import it. Any 1.x API module and SDK fits these shapes
// (a test assigns the real module to `OtelApi`).

export type OtelAttributes = Record<string, string | number | string[]>;

export interface OtelSpan {
  isRecording(): boolean;
  setAttributes(attributes: OtelAttributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

export interface OtelTracer {
  /** `root`: a span of its own trace, whatever span is active (a background poll's). */
  startSpan(name: string, options?: { kind?: number; attributes?: OtelAttributes; root?: boolean }): OtelSpan;
}

export interface OtelTracerProvider {
  getTracer(name: string, version?: string): OtelTracer;
}

export interface OtelCounter {
  add(value: number, attributes?: OtelAttributes): void;
}

export interface OtelHistogram {
  record(value: number, attributes?: OtelAttributes): void;
}

export interface OtelInstrumentOptions {
  description?: string;
  unit?: string;
}

export interface OtelMeter {
  createCounter(name: string, options?: OtelInstrumentOptions): OtelCounter;
  createHistogram(name: string, options?: OtelInstrumentOptions): OtelHistogram;
}

export interface OtelMeterProvider {
  getMeter(name: string, version?: string): OtelMeter;
}

/** An OpenTelemetry `Context`: opaque to paymux. */
export type OtelContext = object;

/** The `@opentelemetry/api` module, as paymux uses it. */
export interface OtelApi {
  trace: {
    getTracerProvider(): OtelTracerProvider;
    setSpan(context: OtelContext, span: OtelSpan): OtelContext;
  };
  metrics: { getMeterProvider(): OtelMeterProvider };
  context: {
    active(): OtelContext;
    with<T>(context: OtelContext, run: () => T): T;
  };
  createNoopMeter(): OtelMeter;
  /** The empty context (no active span); optional so that a partial stand-in still fits. */
  ROOT_CONTEXT?: OtelContext;
}
