import type { DemoRow } from './demo-row';

const columns: { title: string; value: (row: DemoRow) => string }[] = [
  { title: 'account', value: (row) => row.account },
  { title: 'provider', value: (row) => row.provider },
  { title: 'flow', value: (row) => row.flow },
  { title: 'step', value: (row) => row.step },
  { title: 'expected', value: (row) => row.expected },
  { title: 'unified status', value: (row) => (row.ok ? row.status : `${row.status} (FAILED)`) },
  { title: 'amount', value: (row) => row.amount },
  { title: 'webhook', value: (row) => row.webhook },
  { title: 'time', value: (row) => `${row.ms} ms` },
];

/**
 * The demo's closing table, one line per step, as plain padded text.
 *
 * @example
 * console.log(summaryTable(result.rows));
 */
export function summaryTable(rows: readonly DemoRow[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, index) =>
    Math.max(column.title.length, ...cells.map((line) => line[index]?.length ?? 0)),
  );
  const line = (values: string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.title)),
    line(widths.map((width) => '-'.repeat(width))),
    ...cells.map(line),
  ].join('\n');
}
