import { defineConfig } from 'tsup';

export default defineConfig({
  // The library, and the `paymux` executable (package.json `bin`).
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
