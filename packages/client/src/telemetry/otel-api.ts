import { createRequire } from 'node:module';
import type { OtelApi } from './otel-types';

export type { OtelApi } from './otel-types';

/** Loads a module by name from paymux's own location; throws when it is not installed. */
export type ModuleLoader = (name: string) => unknown;

const requireHere: ModuleLoader = (name) => createRequire(import.meta.url)(name);

let cached: { api: OtelApi | undefined } | undefined;

/**
 * `@opentelemetry/api` when the application installed it, else `undefined`: it is an optional
 * peer, and paymux must run without it. Loaded synchronously (its CommonJS build), so the first
 * call made right after `createPaymux` is traced like the others; once per process.
 *
 * @example
 * const api = loadOtelApi();
 * const tracer = api?.trace.getTracer('paymux');
 */
export function loadOtelApi(load: ModuleLoader = requireHere): OtelApi | undefined {
  if (load !== requireHere) return tryLoad(load);
  cached ??= { api: tryLoad(load) };
  return cached.api;
}

function tryLoad(load: ModuleLoader): OtelApi | undefined {
  try {
    const api = load('@opentelemetry/api') as Partial<OtelApi> | undefined;
    // A copy too old to have the metrics API (before 1.3) is treated as absent.
    return api?.trace && api.metrics && api.context ? (api as OtelApi) : undefined;
  } catch {
    return undefined;
  }
}
