import { defaultServerConditions } from 'vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The one vitest configuration every workspace package uses. Tests run against the packages'
 * TypeScript sources (the `paymux-source` export condition), so no build is needed between an
 * edit and a test run, and each package writes a JSON report that `.ci/test-summary.mjs` adds up.
 */
export function paymuxVitestConfig(options: { include?: string[]; timeoutMs?: number } = {}): ViteUserConfig {
  const conditions = ['paymux-source', ...defaultServerConditions];
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      include: options.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: options.timeoutMs ?? 20_000,
      hookTimeout: options.timeoutMs ?? 20_000,
      reporters: ['default', 'json'],
      outputFile: { json: 'node_modules/.vitest-report.json' },
    },
  });
}
