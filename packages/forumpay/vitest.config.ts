import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run against the workspace packages' TypeScript sources (the `paymux-source` export
// condition), so no build is needed between an edit and a test run.
export default defineConfig({
  resolve: { conditions: ['paymux-source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['paymux-source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'node_modules/.vitest-report.json' },
  },
});
