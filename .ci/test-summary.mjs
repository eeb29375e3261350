// Adds up the vitest JSON reports of every package and prints one closing line,
// "N passed, N failed, N skipped", so a reader (or CI) sees the whole suite at a glance.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'examples'];
// Workspace members outside those folders that have tests of their own.
const singles = ['docs', 'bench'];
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
const folders = [
  ...roots.flatMap((root) => (existsSync(root) ? readdirSync(root).map((name) => join(root, name)) : [])),
  ...singles,
];
{
  for (const folder of folders) {
    const report = join(folder, 'node_modules', '.vitest-report.json');
    if (!existsSync(report)) continue;
    const result = JSON.parse(readFileSync(report, 'utf8'));
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    skipped += result.numPendingTests + result.numTodoTests;
    rows.push(`  ${folder.padEnd(28)} ${result.numPassedTests} passed, ${result.numFailedTests} failed`);
  }
}
console.log(rows.join('\n'));
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
