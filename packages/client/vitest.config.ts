import { paymuxVitestConfig } from '../../.config/vitest.shared';

const config = paymuxVitestConfig();
// The test workers get the SSR conditions as `--conditions` flags. Without vite's `module` one:
// with it, Node's own require picks @opentelemetry/api's ESM build, which Node cannot load
// (extension-less imports), and the telemetry tests could not load the OpenTelemetry SDK.
config.ssr = {
  ...config.ssr,
  resolve: { ...config.ssr?.resolve, conditions: ['paymux-source', 'node', 'development'] },
};

export default config;
