import type {
  Money,
  Payment,
  Payout,
  PayoutBatch,
  ProviderCapabilities,
  Quote,
  WebhookEvent,
} from '@paymux/core';

type Row = readonly [label: string, value: string | undefined];

/** Aligned `label  value` lines; rows without a value are left out. */
export function table(rows: readonly Row[], indent = '  '): string {
  const shown = rows.filter((row): row is readonly [string, string] => row[1] !== undefined && row[1] !== '');
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`).join('\n');
}

/** Columns padded to their widest cell. */
export function columns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const money = (value: Money | undefined) => (value ? `${value.amount} ${value.currency}` : undefined);
const status = (unified: string, raw: string) => (raw && raw !== unified ? `${unified} (${raw})` : unified);

export function formatPayment(payment: Payment): string {
  const payIn = payment.payIn;
  const payInText = payIn
    ? `${money(payIn.amount) ?? payIn.asset.symbol} on ${payIn.asset.network} to ${payIn.address}${payIn.memo ? ` memo ${payIn.memo}` : ''}`
    : undefined;
  const confirmations = payment.confirmations
    ? `${payment.confirmations.current}${payment.confirmations.required === undefined ? '' : `/${payment.confirmations.required}`}`
    : undefined;
  return [
    `Payment ${payment.id}`,
    table([
      ['status', status(payment.status, payment.rawStatus)],
      ['account', `${payment.provider} (${payment.providerType})`],
      ['reference', payment.reference],
      ['amount', money(payment.amount)],
      ['flow', payment.flow],
      ['checkout', payment.checkoutUrl],
      ['pay in', payInText],
      [
        'quote',
        payment.quote
          ? `${money(payment.quote.amount)}${payment.quote.rate ? ` at ${payment.quote.rate}` : ''}`
          : undefined,
      ],
      ['received', payment.received ? `${money(payment.received)} (${payment.amountDelta})` : undefined],
      ['missing', money(payment.missing)],
      ['confirmations', confirmations],
      ['failure', payment.failureReason],
      ['expires', payment.expiresAt],
      ['created', payment.createdAt],
      ['updated', payment.updatedAt],
    ]),
  ].join('\n');
}

export function formatPayout(payout: Payout): string {
  const { destination } = payout;
  return [
    `Payout ${payout.id}`,
    table([
      ['status', status(payout.status, payout.rawStatus)],
      ['account', `${payout.provider} (${payout.providerType})`],
      ['reference', payout.reference],
      ['amount', money(payout.amount)],
      [
        'to',
        `${destination.address} (${destination.asset.symbol} on ${destination.asset.network})${destination.memo ? ` memo ${destination.memo}` : ''}`,
      ],
      ['fee', money(payout.fee)],
      ['txid', payout.txid],
      ['batch', payout.batchId],
      ['failure', payout.failureReason],
      ['created', payout.createdAt],
      ['updated', payout.updatedAt],
    ]),
  ].join('\n');
}

export function formatPayoutBatch(batch: PayoutBatch): string {
  return [
    `Payout batch ${batch.id}`,
    table([
      ['status', status(batch.status, batch.rawStatus)],
      ['account', `${batch.provider} (${batch.providerType})`],
      ['reference', batch.reference],
      ['total', money(batch.total)],
    ]),
    ...batch.payouts.map(formatPayout),
  ].join('\n');
}

export function formatQuote(quote: Quote): string {
  return [
    `Quote from ${quote.provider}`,
    table([
      ['pay', money(quote.to)],
      ['for', money(quote.from)],
      ['rate', `1 ${quote.to.currency} = ${quote.rate} ${quote.from.currency}`],
      ['network fee', money(quote.networkFee)],
      ['expires', quote.expiresAt],
    ]),
  ].join('\n');
}

/** The operations, flows and webhook verification of one account. */
export function formatCapabilities(name: string, type: string, capabilities: ProviderCapabilities): string {
  const operations = Object.entries(capabilities.operations)
    .filter(([, capability]) => capability !== undefined)
    .map(
      ([operation, capability]) =>
        [operation, capability?.note ?? (capability?.idempotent ? 'idempotent' : '')] as const,
    );
  const assets =
    capabilities.assets === 'any'
      ? 'any the provider lists'
      : capabilities.assets.map((asset) => `${asset.symbol}/${asset.network}`).join(', ');
  const limits = capabilities.rateLimits;
  return [
    `Account ${name} (${type})`,
    table([
      ['flows', capabilities.flows.join(', ')],
      ['assets', assets],
      ['webhooks', capabilities.webhooks.verification.join(', ')],
      ['retries', capabilities.webhooks.retries],
      [
        'rate limits',
        limits
          ? [
              limits.requestsPerSecond && `${limits.requestsPerSecond}/s`,
              limits.inFlight && `${limits.inFlight} in flight`,
              limits.requestsPerDay && `${limits.requestsPerDay}/day`,
            ]
              .filter(Boolean)
              .join(', ')
          : undefined,
      ],
    ]),
    '  operations',
    table(operations, '    '),
  ].join('\n');
}

/** One line per delivered event, like `stripe listen`. */
export function formatEvent(event: WebhookEvent): string {
  const data = event.data as Partial<Payment & Payout>;
  return [
    event.occurredAt,
    event.type,
    event.data.id,
    data.status ?? '',
    data.reference ? `ref ${data.reference}` : '',
    money(data.amount) ?? '',
    `verified by ${event.verifiedBy}`,
  ]
    .filter((part) => part !== '')
    .join('  ');
}
