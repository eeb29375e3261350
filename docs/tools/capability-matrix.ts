import {
  mutatingOperations,
  type OperationCapability,
  type OperationName,
  operationNames,
  type ProviderCapabilities,
  requiredOperations,
} from '@paymux/core';
import type { DocumentedProvider } from './documented-providers';

/** The command that rewrites every generated part of the docs. */
export const GENERATE_COMMAND = 'npx pnpm@10.34.9 --filter @paymux/docs run generate';

export const CAPABILITIES_START = '<!-- capabilities:start -->';
export const CAPABILITIES_END = '<!-- capabilities:end -->';

const required: ReadonlySet<OperationName> = new Set(requiredOperations);

/** Markdown table cells must not contain a raw pipe or line break. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** What a repeat of a mutating operation does, in a few words; empty for reads. */
function idempotency(operation: OperationName, capability: OperationCapability): string {
  if (!mutatingOperations.has(operation)) return '';
  if (capability.idempotent === true) {
    return capability.idempotencyKey ? `idempotent (${capability.idempotencyKey})` : 'idempotent';
  }
  if (capability.idempotent === false) return 'not idempotent';
  return '';
}

function matrixCell(operation: OperationName, capabilities: ProviderCapabilities): string {
  const capability = capabilities.operations[operation];
  if (capability === undefined) return '—';
  const repeat = idempotency(operation, capability);
  return repeat ? `yes, ${repeat}` : 'yes';
}

function describeAssets(assets: ProviderCapabilities['assets']): string {
  if (assets === 'any') return 'any asset the account lists at run time (`listCurrencies`)';
  const networksBySymbol = new Map<string, string[]>();
  for (const asset of assets) {
    const networks = networksBySymbol.get(asset.symbol) ?? [];
    networks.push(asset.network);
    networksBySymbol.set(asset.symbol, networks);
  }
  return [...networksBySymbol].map(([symbol, networks]) => `${symbol} (${networks.join(', ')})`).join(', ');
}

function describeRateLimits(capabilities: ProviderCapabilities): string {
  const limits = capabilities.rateLimits;
  if (!limits) return 'none published';
  const parts: string[] = [];
  if (limits.requestsPerSecond !== undefined) parts.push(`${limits.requestsPerSecond} requests per second`);
  if (limits.inFlight !== undefined) parts.push(`${limits.inFlight} in flight`);
  if (limits.requestsPerDay !== undefined) parts.push(`${limits.requestsPerDay} requests per UTC day`);
  return parts.length > 0 ? parts.join(', ') : 'none published';
}

function describeDeadline(capabilities: ProviderCapabilities): string {
  const deadline = capabilities.webhooks.responseDeadlineMs;
  return deadline === undefined ? 'not stated' : `${deadline} ms`;
}

const code = (text: string) => `\`${text}\``;

/**
 * The whole of `docs/capabilities.md`: one column per provider, rendered from the adapters'
 * `plugin.capabilities` only, so the page cannot drift from what the code declares.
 *
 * @example
 * await writeFile('docs/capabilities.md', renderCapabilityMatrix(documentedProviders));
 */
export function renderCapabilityMatrix(providers: readonly DocumentedProvider[]): string {
  const names = providers.map((provider) => `[${provider.name}](${provider.page})`);
  const operationRows = operationNames.map((operation) => [
    required.has(operation) ? `${code(operation)} (required)` : code(operation),
    ...providers.map((provider) => matrixCell(operation, provider.plugin.capabilities)),
  ]);
  const flowRows = (['hosted', 'deposit_address', 'tracking'] as const).map((flow) => [
    code(flow),
    ...providers.map((provider) => (provider.plugin.capabilities.flows.includes(flow) ? 'yes' : '—')),
  ]);
  const webhookRows = [
    ['verification', ...providers.map((p) => p.plugin.capabilities.webhooks.verification.join(', '))],
    ['provider retries', ...providers.map((p) => p.plugin.capabilities.webhooks.retries ?? 'not stated')],
    ['answer within', ...providers.map((p) => describeDeadline(p.plugin.capabilities))],
  ];
  const limitRows = [['rate limits', ...providers.map((p) => describeRateLimits(p.plugin.capabilities))]];
  const sections = [
    '# Provider capability matrix',
    `<!-- Generated from each adapter's \`plugin.capabilities\` by docs/tools/generate-docs.ts. Do not edit: run \`${GENERATE_COMMAND}\`. -->`,
    [
      'What each adapter declares in its `plugin.capabilities`. This page is generated from those maps, and a test fails when it',
      `differs from them, so it cannot drift: after changing an adapter's capabilities run \`${GENERATE_COMMAND}\`.`,
      'The client refuses an operation an account does not declare with `UnsupportedOperationError`, before any I/O,',
      "and `@paymux/testkit`'s conformance suite checks every declared operation against the adapter's behaviour.",
    ].join('\n'),
    '## Operations',
    [
      '"idempotent (key)" means a repeat with the same key cannot create a second object at the provider, so paymux may',
      'send it again after an ambiguous failure; the key is the merchant `reference`, an `idempotency-key` header or a',
      '`client-id` made from the idempotency key. "not idempotent" means paymux never sends it twice blind: an unclear',
      'outcome is looked up, or reported as `AmbiguousOutcomeError`. See [concepts](concepts.md#idempotency).',
    ].join('\n'),
    table(['operation', ...names], operationRows),
    '## Payment flows',
    'See [concepts](concepts.md#flows) for what each flow means for your checkout page.',
    table(['flow', ...names], flowRows),
    '## Webhooks',
    '`signature`: the body is signed by the provider; `refetch`: the notification is unsigned (or its signature',
    'cannot be checked) and paymux reads the object back from the provider before emitting anything.',
    'See [webhooks](webhooks.md).',
    table(['', ...names], webhookRows),
    '## Rate limits',
    "Declared limits are enforced client-side by the account's `RateLimiter`; see [going to production](going-to-production.md#rate-limits-and-daily-quotas).",
    table(['', ...names], limitRows),
    '## Pay-in assets',
    table(
      ['provider', 'assets (networks)'],
      providers.map((provider) => [provider.name, describeAssets(provider.plugin.capabilities.assets)]),
    ),
    '## Notes per provider',
    ...providers.flatMap((provider) => [
      `### ${provider.name}`,
      renderOperationNotes(provider.plugin.capabilities) ?? '_No notes._',
    ]),
  ];
  return `${sections.join('\n\n')}\n`;
}

function renderOperationNotes(capabilities: ProviderCapabilities): string | undefined {
  const notes = operationNames.flatMap((operation) => {
    const note = capabilities.operations[operation]?.note;
    return note ? [`- ${code(operation)}: ${note}`] : [];
  });
  return notes.length > 0 ? notes.join('\n') : undefined;
}

/**
 * The capability block of one provider page (the text between the markers, markers excluded):
 * the declared operations with their guarantees, what is not offered, flows, assets, webhooks
 * and rate limits.
 *
 * @example
 * renderProviderCapabilities(documentedProviders[0]!) // "_Generated from …_\n\n| operation | …"
 */
export function renderProviderCapabilities(provider: DocumentedProvider): string {
  const capabilities = provider.plugin.capabilities;
  const declared = operationNames.filter((operation) => capabilities.operations[operation] !== undefined);
  const missing = operationNames.filter((operation) => capabilities.operations[operation] === undefined);
  const rows = declared.map((operation) => {
    const capability = capabilities.operations[operation] ?? {};
    return [code(operation), idempotency(operation, capability) || '—', capability.note ?? ''];
  });
  const lines = [
    `_Generated from \`${provider.packageName}\`'s \`plugin.capabilities\` (see [the matrix](../capabilities.md)); do not edit between the markers, run \`${GENERATE_COMMAND}\`._`,
    table(['declared operation', 'repeat', 'note'], rows),
    [
      `- **Not offered:** ${missing.length > 0 ? missing.map(code).join(', ') : 'nothing'} (\`UnsupportedOperationError\` before any I/O).`,
      `- **Flows:** ${capabilities.flows.map(code).join(', ')}.`,
      `- **Pay-in assets:** ${describeAssets(capabilities.assets)}.`,
      `- **Webhook verification:** ${capabilities.webhooks.verification.map(code).join(', ')}; provider retries: ${capabilities.webhooks.retries ?? 'not stated'}; answer within: ${describeDeadline(capabilities)}.`,
      `- **Rate limits:** ${describeRateLimits(capabilities)}.`,
    ].join('\n'),
  ];
  return lines.join('\n\n');
}

/**
 * Replaces what lies between the capability markers of a page. A page without markers gets
 * them at the end of its `## Capabilities` section's own text (or at the end of the page), so the first
 * generation places them and later ones only refresh the content.
 *
 * @example
 * injectCapabilities('## Capabilities\n\ntext\n\n## Next\n', 'TABLE')
 * // '## Capabilities\n\ntext\n\n<!-- capabilities:start -->\nTABLE\n<!-- capabilities:end -->\n\n## Next\n'
 */
export function injectCapabilities(page: string, block: string): string {
  const wrapped = `${CAPABILITIES_START}\n${block}\n${CAPABILITIES_END}`;
  const start = page.indexOf(CAPABILITIES_START);
  const end = page.indexOf(CAPABILITIES_END);
  if (start !== -1 && end > start) {
    return page.slice(0, start) + wrapped + page.slice(end + CAPABILITIES_END.length);
  }
  if (start !== -1 || end !== -1) {
    throw new Error(`unbalanced ${CAPABILITIES_START} / ${CAPABILITIES_END} markers`);
  }
  const heading = page.search(/^## Capabilities\b/m);
  if (heading === -1) return `${page.trimEnd()}\n\n## Capabilities\n\n${wrapped}\n`;
  // Before the section's first sub-heading, so the table stays next to the section's own text.
  const next = page.slice(heading + 1).search(/^#{2,3} /m);
  if (next === -1) return `${page.trimEnd()}\n\n${wrapped}\n`;
  const at = heading + 1 + next;
  return `${page.slice(0, at).trimEnd()}\n\n${wrapped}\n\n${page.slice(at)}`;
}
