import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDir, runPaymux } from './cli-test-support';
import { commands } from './command-list';
import { ExitCode } from './exit-codes';

// Written through a helper: a literal '${…}' in a string reads like a template-literal mistake.
const envRef = (name: string) => `\${env:${name}}`;

const mockAccount = {
  type: 'mock',
  apiKey: 'mock_key_usage',
  webhookSecret: 'mock_whsec_usage',
  baseUrl: 'http://127.0.0.1:9',
};

describe('paymux help and usage errors', () => {
  it('prints help for every command and exits 0', async () => {
    const cwd = await configDir({ providers: {} });
    const main = await runPaymux(['--help'], { cwd });
    expect(main.code).toBe(ExitCode.ok);
    expect(main.stdout).toContain('Exit codes:');
    for (const command of commands) {
      const run = await runPaymux([...command.path, '--help'], { cwd });
      expect(run.code, command.path.join(' ')).toBe(ExitCode.ok);
      expect(run.stdout).toContain(`Usage: paymux ${command.usage}`);
      expect(run.stderr).toBe('');
      expect(main.stdout).toContain(command.path.join(' '));
    }
    const group = await runPaymux(['payouts', '--help'], { cwd });
    expect(group).toMatchObject({ code: ExitCode.ok });
    expect(group.stdout).toContain('payouts create');
  });

  it('exits 2 with a pointer to --help for unknown commands, options and missing arguments', async () => {
    const cwd = await configDir({ providers: {} });
    const cases: [string[], RegExp][] = [
      [[], /Usage: paymux <command>/],
      [['refund'], /Unknown command "refund"/],
      [['payments', 'delete'], /Unknown command "payments delete"/],
      [['payments', 'get'], /Missing <id>/],
      [['payments', 'get', 'a', 'b'], /Unexpected argument "b"/],
      [['payments', 'get', 'p1', '--colour'], /Unknown option '--colour'/],
      [['payments', 'create', '--amount', '10', '--currency', 'EUR'], /Missing --reference/],
      [['payouts', 'create', '--reference', 'r', '--amount', '1', '--currency', 'USDT'], /Missing --asset/],
      [['quotes', 'get', '--amount', '1', '--currency', 'EUR'], /Missing --pay-with/],
      [['payments', 'get', 'p1', '--wait', '--timeout', 'soon'], /--timeout must be a positive number/],
      [['webhooks', 'listen', '--port', '70000'], /--port must be an integer/],
      [['payments', 'create', '--data', '{nope', '--reference', 'r'], /--data is not valid JSON/],
    ];
    for (const [argv, message] of cases) {
      const run = await runPaymux(argv, { cwd });
      expect(run.code, argv.join(' ')).toBe(ExitCode.usage);
      expect(`${run.stdout}${run.stderr}`, argv.join(' ')).toMatch(message);
    }
    const run = await runPaymux(['payments', 'get'], { cwd });
    expect(run.stderr).toContain('Run `paymux payments get --help` for usage.');
    // Option values are not taken for command words, wherever the options stand.
    const spread = await runPaymux(['payments', '--account', 'main', 'get', '--help'], { cwd });
    expect(spread.code).toBe(ExitCode.ok);
    expect(spread.stdout).toContain('Usage: paymux payments get <id>');
  });
});

describe('paymux --version', () => {
  it("prints the package's version, also as JSON, and help lists the option", async () => {
    const cwd = await configDir({ providers: {} });
    const { version } = JSON.parse(
      await readFile(join(import.meta.dirname, '..', 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const run = await runPaymux([flag], { cwd });
      expect(run).toEqual({ code: ExitCode.ok, stdout: `paymux ${version}\n`, stderr: '' });
    }
    const json = await runPaymux(['--version', '--json'], { cwd });
    expect(JSON.parse(json.stdout)).toEqual({ version });
    expect((await runPaymux(['--help'], { cwd })).stdout).toContain('-v, --version');
  });
});

describe('docs/cli.md', () => {
  it('documents every exit code with the value of its constant, and nothing else', async () => {
    const doc = await readFile(join(import.meta.dirname, '..', '..', '..', 'docs', 'cli.md'), 'utf8');
    const section = doc.slice(
      doc.indexOf('## Exit codes'),
      doc.indexOf('\n## ', doc.indexOf('## Exit codes') + 1),
    );
    // Each row names the code and, in backticks, the `ExitCode` constant it is.
    const rows = [...section.matchAll(/^\| (\d+) \| `ExitCode\.(\w+)` \|/gm)].map(
      ([, code, name]) => [name!, Number(code)] as const,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.fromEntries(rows)).toEqual(ExitCode);
    const help = (await runPaymux(['--help'], { cwd: await configDir({ providers: {} }) })).stdout;
    for (const [, code] of rows) expect(help).toMatch(new RegExp(`^\\s+${code}\\s`, 'm'));
  });
});

describe('paymux config errors', () => {
  it('exits 2 when the config file is missing or malformed', async () => {
    const cwd = await configDir('{ "providers": ');
    const missing = await runPaymux(['accounts', '--config', 'nowhere.json'], { cwd });
    expect(missing.code).toBe(ExitCode.usage);
    expect(missing.stderr).toMatch(/No config file at .*nowhere\.json/);
    expect(missing.stderr).toContain('Run `paymux sandbox --write-config nowhere.json`');
    const none = await runPaymux(['payments', 'get', 'p1'], {
      cwd: await mkdtemp(join(tmpdir(), 'paymux-none-')),
    });
    expect(none.code).toBe(ExitCode.usage);
    expect(none.stderr).toContain('Run `paymux sandbox --write-config paymux.config.json`');
    const malformed = await runPaymux(['accounts'], { cwd });
    expect(malformed.code).toBe(ExitCode.usage);
    expect(malformed.stderr).toMatch(/is not valid JSON/);
  });

  it('names a missing environment variable, and reads it from the environment given', async () => {
    const cwd = await configDir({
      plugins: ['@paymux/testkit'],
      providers: { main: { ...mockAccount, apiKey: envRef('MOCK_KEY') } },
    });
    const missing = await runPaymux(['accounts'], { cwd });
    expect(missing.code).toBe(ExitCode.usage);
    expect(missing.stderr).toContain('providers.main.apiKey: environment variable MOCK_KEY is not set');
    const listed = await runPaymux(['accounts', '--json'], { cwd, env: { MOCK_KEY: 'mock_key_from_env' } });
    expect(listed.code).toBe(ExitCode.ok);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ name: 'main', type: 'mock' }]);
    expect(listed.stdout).not.toContain('mock_key_from_env');
  });

  it('exits 2 when a provider type has no installed plugin, or a plugin module is wrong', async () => {
    const unknownType = await configDir({ providers: { main: { type: 'acme', apiKey: 'k' } } });
    const run = await runPaymux(['accounts'], { cwd: unknownType });
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('No plugin for provider type "acme": install @paymux/acme');

    const cwd = await configDir({ plugins: ['./not-a-plugin.mjs', './absent.mjs'], providers: {} });
    await writeFile(join(cwd, 'not-a-plugin.mjs'), 'export const answer = 42;\n');
    const noPlugin = await runPaymux(['accounts'], { cwd });
    expect(noPlugin.code).toBe(ExitCode.usage);
    expect(noPlugin.stderr).toContain('Module ./not-a-plugin.mjs exports no provider plugin');

    const absent = await configDir({ plugins: ['./absent.mjs'], providers: {} });
    const absentRun = await runPaymux(['accounts'], { cwd: absent });
    expect(absentRun.code).toBe(ExitCode.usage);
    expect(absentRun.stderr).toContain('Plugin module ./absent.mjs is not installed');
  });

  it('exits 2 on settings the plugin rejects, listing them by path, also as JSON', async () => {
    const cwd = await configDir({
      plugins: ['@paymux/testkit'],
      providers: { main: { type: 'mock', apiKey: 'k' } },
    });
    const run = await runPaymux(['accounts', '--json'], { cwd });
    expect(run.code).toBe(ExitCode.usage);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'configuration_error' } });
    expect(run.stderr).toMatch(/providers\.main\.webhookSecret/);
  });

  it('exits 2 on input the operation rejects before sending anything', async () => {
    const cwd = await configDir({ plugins: ['@paymux/testkit'], providers: { main: mockAccount } });
    const run = await runPaymux(
      ['payments', 'create', '--reference', 'order-1', '--amount', 'ten', '--currency', 'EUR'],
      { cwd },
    );
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('--amount must be a decimal number such as 25.00, got "ten"');
    const invalid = await runPaymux(
      [
        'payments',
        'create',
        '--reference',
        'order 1',
        '--amount',
        '10',
        '--currency',
        'EUR',
        '--flow',
        'cash',
      ],
      { cwd },
    );
    expect(invalid.code).toBe(ExitCode.usage);
    expect(invalid.stderr).toMatch(/code validation_error/);
    expect(invalid.stderr).toMatch(/flow/);
  });
});
