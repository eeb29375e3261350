import { defineConfig } from 'tsup';

export default defineConfig({
  // `runCli` for tests and scripts, and the `paymux` executable (package.json `bin`).
  entry: { index: 'src/index.ts', cli: 'src/main.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
});
