import { createRequire } from 'node:module';
import type * as MetricsSdk from '@opentelemetry/sdk-metrics';
import type * as TraceSdk from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { OtelMeterProvider, OtelTracerProvider } from './otel-types';

// Required, not imported: the test runner resolves imports with the `module` condition, which
// picks the SDK's ESM build (extension-less specifiers Node cannot load). The CommonJS builds are
// also the copy of `@opentelemetry/api` that paymux itself loads.
const require = createRequire(import.meta.url);
const { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } =
  require('@opentelemetry/sdk-metrics') as typeof MetricsSdk;
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } =
  require('@opentelemetry/sdk-trace-base') as typeof TraceSdk;

/** One metric data point: a counter's sum, or a histogram's count. */
export interface RecordedPoint {
  attributes: Record<string, unknown>;
  value: number;
}

/**
 * The OpenTelemetry SDK with in-memory exporters, for tests: every finished span, and every
 * metric point once `points` flushes the meter provider.
 */
export function telemetryRecorder() {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Exported only on flush: the interval is longer than any test.
  const reader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });

  const spans = (): ReadableSpan[] => spanExporter.getFinishedSpans();

  async function metrics() {
    await meterProvider.forceFlush();
    const latest = metricExporter.getMetrics().at(-1);
    return latest?.scopeMetrics.flatMap((scope) => scope.metrics) ?? [];
  }

  // The SDK's providers fit the shapes paymux declares instead of importing the API's types.
  const shaped: { tracerProvider: OtelTracerProvider; meterProvider: OtelMeterProvider } = {
    tracerProvider,
    meterProvider,
  };
  return {
    telemetry: shaped,
    tracerProvider,
    meterProvider,
    spans,
    /** The finished spans of that name. */
    spansNamed: (name: string) => spans().filter((span) => span.name === name),
    /** The points of one metric (cumulative since the start). */
    async points(name: string): Promise<RecordedPoint[]> {
      const metric = (await metrics()).find((candidate) => candidate.descriptor.name === name);
      return (metric?.dataPoints ?? []).map((point) => ({
        attributes: { ...point.attributes },
        value: typeof point.value === 'number' ? point.value : (point.value as { count: number }).count,
      }));
    },
    /** Everything an exporter would send, as text: span names, attributes, events, statuses, links, metric points. */
    async exported(): Promise<string> {
      const spanTexts = spans().map((span) =>
        JSON.stringify({
          name: span.name,
          attributes: span.attributes,
          events: span.events,
          status: span.status,
          links: span.links,
        }),
      );
      const metricTexts = (await metrics()).map((metric) =>
        JSON.stringify({ descriptor: metric.descriptor, points: metric.dataPoints }),
      );
      return [...spanTexts, ...metricTexts].join('\n');
    },
    reset(): void {
      spanExporter.reset();
    },
    async shutdown(): Promise<void> {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

export type TelemetryRecorder = ReturnType<typeof telemetryRecorder>;
