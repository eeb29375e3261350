import { fileURLToPath } from 'node:url';

/**
 * Which paymux the benchmarks load: the built packages (`dist/`, what an application installs,
 * the default of `npm run bench`) or the TypeScript sources through tsx (`start:source`). The two
 * differ: tsx keeps function names by wrapping every function it creates in `__name`, a cost on each
 * closure a call makes that no published build pays (docs/decisions/0019-bench-measures-the-build.md).
 *
 * @example
 * console.log(`paymux measured as ${describeLoadedBuild()}`); // "the built packages (packages/client/dist/index.js)"
 */
export function describeLoadedBuild(): string {
  const entry = fileURLToPath(import.meta.resolve('@paymux/client'));
  const shown = entry.slice(entry.lastIndexOf('/packages/') + 1);
  return entry.endsWith('.ts')
    ? `its TypeScript sources through tsx (${shown})`
    : `the built packages (${shown})`;
}
