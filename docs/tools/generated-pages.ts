import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectCapabilities, renderCapabilityMatrix, renderProviderCapabilities } from './capability-matrix';
import { type DocumentedProvider, documentedProviders } from './documented-providers';

/** The `docs/` directory of the repository. */
export const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** One committed page and the text the generator would give it. */
export interface GeneratedPage {
  /** Relative to `docs/`. */
  path: string;
  expected: string;
}

/**
 * The committed pages that hold generated text, with what they should contain now: the
 * capability matrix, and every provider page with its capability block refreshed (the rest of
 * a provider page is kept as it is on disk).
 *
 * @example
 * for (const page of await generatedPages()) await writeFile(join(docsDir, page.path), page.expected);
 */
export async function generatedPages(
  providers: readonly DocumentedProvider[] = documentedProviders,
): Promise<GeneratedPage[]> {
  const pages: GeneratedPage[] = [{ path: 'capabilities.md', expected: renderCapabilityMatrix(providers) }];
  for (const provider of providers) {
    const current = await readFile(join(docsDir, provider.page), 'utf8');
    pages.push({
      path: provider.page,
      expected: injectCapabilities(current, renderProviderCapabilities(provider)),
    });
  }
  return pages;
}
