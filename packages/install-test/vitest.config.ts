import { paymuxVitestConfig } from '../../.config/vitest.shared';

// Packing, two `npm install`s, two typechecks and a sandbox run: minutes, not seconds.
export default paymuxVitestConfig({ include: ['src/**/*.test.ts'], timeoutMs: 300_000 });
