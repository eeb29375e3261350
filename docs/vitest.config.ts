import { paymuxVitestConfig } from '../.config/vitest.shared';

export default paymuxVitestConfig({ include: ['tools/**/*.test.ts'], timeoutMs: 60_000 });
