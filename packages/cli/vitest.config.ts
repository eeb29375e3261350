import { paymuxVitestConfig } from '../../.config/vitest.shared';

export default paymuxVitestConfig();
