import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateApiReference } from './api-reference';
import { docsDir, generatedPages } from './generated-pages';

/*
 * `npx pnpm@10.34.9 --filter @paymux/docs run generate`: rewrites the capability matrix and the
 * capability blocks of the provider pages from the adapters' `plugin.capabilities`, then the
 * TypeDoc API reference into docs/api/ (not committed). Pass `--no-api` to skip TypeDoc.
 */
const pages = await generatedPages();
for (const page of pages) {
  await writeFile(join(docsDir, page.path), page.expected);
  console.log(`wrote docs/${page.path}`);
}
if (!process.argv.includes('--no-api')) {
  const result = await generateApiReference({ outDir: join(docsDir, 'api') });
  console.log(`wrote docs/api/ (${result.modules.join(', ')}; ${result.warnings} TypeDoc warnings)`);
}
