import { z } from 'zod';

/**
 * The part of an OpenTelemetry `TracerProvider` paymux uses. Any provider of `@opentelemetry/api`
 * 1.x fits; typed structurally so that paymux's public types do not need the package installed.
 */
export interface TelemetryTracerProvider {
  getTracer(name: string, version?: string): object;
}

/** The part of an OpenTelemetry `MeterProvider` paymux uses (any `@opentelemetry/api` 1.x one fits). */
export interface TelemetryMeterProvider {
  getMeter(name: string, version?: string): object;
}

/**
 * Where paymux sends its spans and metrics. Without it, paymux uses the global OpenTelemetry
 * providers (`trace.setGlobalTracerProvider`, `metrics.setGlobalMeterProvider`, or the NodeSDK's
 * registration), and nothing at all when `@opentelemetry/api` is not installed.
 *
 * @example
 * const paymux = createPaymux({ ...config, telemetry: { tracerProvider, meterProvider } });
 */
export interface TelemetryOptions {
  tracerProvider?: TelemetryTracerProvider;
  meterProvider?: TelemetryMeterProvider;
}

const hasMethod = (name: string) => (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>)[name] === 'function';

/** Strict: a misspelt key (`tracer`, `meter`) is refused rather than silently ignored. */
export const telemetryOptionsSchema = z.strictObject({
  tracerProvider: z
    .custom<TelemetryTracerProvider>(hasMethod('getTracer'), {
      message: 'must be an OpenTelemetry TracerProvider (with getTracer)',
    })
    .optional(),
  meterProvider: z
    .custom<TelemetryMeterProvider>(hasMethod('getMeter'), {
      message: 'must be an OpenTelemetry MeterProvider (with getMeter)',
    })
    .optional(),
});
