import { paymuxVitestConfig } from '../../.config/vitest.shared';

// Examples start the sandbox and run whole merchant sessions.
export default paymuxVitestConfig({ timeoutMs: 60_000 });
