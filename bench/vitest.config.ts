import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run against the workspace packages' TypeScript sources (the `paymux-source` export
// condition), as `pnpm bench` does.
export default defineConfig({
  resolve: { conditions: ['paymux-source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['paymux-source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'node_modules/.vitest-report.json' },
  },
});
