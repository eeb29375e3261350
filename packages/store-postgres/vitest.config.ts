import { mergeConfig } from 'vitest/config';
import { paymuxVitestConfig } from '../../.config/vitest.shared';

export default mergeConfig(paymuxVitestConfig(), {
  test: { globalSetup: ['./test/postgres-global-setup.ts'] },
});
