import { paymuxVitestConfig } from '../.config/vitest.shared';

export default paymuxVitestConfig({ include: ['src/**/*.test.ts'], timeoutMs: 60_000 });
