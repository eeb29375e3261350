import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { operationNames, type ProviderPlugin } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import {
  CAPABILITIES_END,
  CAPABILITIES_START,
  GENERATE_COMMAND,
  injectCapabilities,
  renderCapabilityMatrix,
  renderProviderCapabilities,
} from './capability-matrix';
import { documentedProviders } from './documented-providers';
import { docsDir, generatedPages } from './generated-pages';

describe('committed generated pages', () => {
  it.each(['capabilities.md', ...documentedProviders.map((provider) => provider.page)])(
    'docs/%s is what the generator writes from plugin.capabilities',
    async (path) => {
      const page = (await generatedPages()).find((candidate) => candidate.path === path);
      const committed = await readFile(join(docsDir, path), 'utf8');
      // On failure: run the generate command and commit the result.
      expect(committed, `docs/${path} is stale: run ${GENERATE_COMMAND}`).toBe(page?.expected);
    },
  );

  it('gives every provider page exactly one pair of capability markers', async () => {
    for (const provider of documentedProviders) {
      const page = await readFile(join(docsDir, provider.page), 'utf8');
      expect(page.split(CAPABILITIES_START), provider.page).toHaveLength(2);
      expect(page.split(CAPABILITIES_END), provider.page).toHaveLength(2);
    }
  });
});

describe('renderCapabilityMatrix', () => {
  const matrix = renderCapabilityMatrix(documentedProviders);

  it('has a row for every operation and a column for every provider', () => {
    for (const operation of operationNames) expect(matrix).toContain(`| \`${operation}\``);
    for (const provider of documentedProviders)
      expect(matrix).toContain(`[${provider.name}](${provider.page})`);
  });

  it('changes when an adapter declares another operation, so the drift test has teeth', () => {
    const [first, ...rest] = documentedProviders;
    if (!first) throw new Error('no providers');
    const plugin: ProviderPlugin = {
      ...first.plugin,
      capabilities: {
        ...first.plugin.capabilities,
        operations: { ...first.plugin.capabilities.operations, validateAddress: { note: 'added in a test' } },
      },
    };
    const changed = renderCapabilityMatrix([{ ...first, plugin }, ...rest]);
    expect(changed).not.toBe(matrix);
    expect(changed).toContain('`validateAddress`: added in a test');
  });

  it('shows declared rate limits and "any" assets in words', () => {
    expect(matrix).toContain('10 requests per second, 10 in flight, 14400 requests per UTC day');
    expect(matrix).toContain('any asset the account lists at run time');
  });
});

describe('renderProviderCapabilities', () => {
  it('lists what a provider does not offer', () => {
    const depay = documentedProviders.find((provider) => provider.plugin.type === 'depay');
    if (!depay) throw new Error('depay is not documented');
    const block = renderProviderCapabilities(depay);
    expect(block).toMatch(/\*\*Not offered:\*\* .*`createPayout`/);
    expect(block).toContain('| `createPayment` | idempotent (client-id) |');
  });
});

describe('injectCapabilities', () => {
  it('places the markers at the end of the Capabilities section text, before its first sub-heading', () => {
    const page = '# P\n\n## Capabilities\n\ntext\n\n### Ids\n\nids\n\n## Next\n';
    expect(injectCapabilities(page, 'TABLE')).toBe(
      `# P\n\n## Capabilities\n\ntext\n\n${CAPABILITIES_START}\nTABLE\n${CAPABILITIES_END}\n\n### Ids\n\nids\n\n## Next\n`,
    );
  });

  it('replaces only what lies between existing markers', () => {
    const page = `a\n${CAPABILITIES_START}\nold\n${CAPABILITIES_END}\nb\n`;
    expect(injectCapabilities(page, 'new')).toBe(`a\n${CAPABILITIES_START}\nnew\n${CAPABILITIES_END}\nb\n`);
  });

  it('adds a Capabilities section to a page without one', () => {
    expect(injectCapabilities('# P\n\nbody\n', 'T')).toBe(
      `# P\n\nbody\n\n## Capabilities\n\n${CAPABILITIES_START}\nT\n${CAPABILITIES_END}\n`,
    );
  });

  it('refuses a page with a lone marker', () => {
    expect(() => injectCapabilities(`a\n${CAPABILITIES_START}\nb\n`, 'T')).toThrow(/unbalanced/);
  });
});
