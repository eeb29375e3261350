import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Runs against the workspace packages' TypeScript sources (the `paymux-source` export condition).
export default defineConfig({
  resolve: { conditions: ['paymux-source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['paymux-source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'node_modules/.vitest-report.json' },
  },
});
