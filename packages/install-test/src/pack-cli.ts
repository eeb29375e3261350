// `npm run pack`: after the build, packs every public package into dist-packages/*.tgz, which
// a project outside this repository can `npm install` (see docs/getting-started.md).
import { relative } from 'node:path';
import { packPublicPackages } from './pack-public-packages';
import { distPackagesDir, workspaceRoot } from './workspace-paths';

const packed = await packPublicPackages(distPackagesDir);
for (const pkg of packed) {
  console.log(`${pkg.name.padEnd(24)} ${relative(workspaceRoot, pkg.tarball)}`);
}
console.log(`${packed.length} packages packed into ${relative(workspaceRoot, distPackagesDir)}/`);
