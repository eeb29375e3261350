import { access, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SandboxCredentials } from '@paymux/sandbox';
import { type CliCommand, stringOption } from '../command';
import { ExitCode } from '../exit-codes';
import { table } from '../format-human';
import { integerOption } from '../input-options';
import {
  DEFAULT_CALLBACK_URL,
  readPreviousSandboxConfig,
  sandboxAnswers,
  sandboxConfig,
} from '../sandbox-config';
import { UsageError } from '../usage-error';

/**
 * The sandbox's port unless `--port` says otherwise: a fixed one, so the base URLs in a written
 * config stay valid from one start to the next.
 */
export const DEFAULT_SANDBOX_PORT = 4010;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export const sandboxCommand: CliCommand = {
  path: ['sandbox'],
  summary: 'start the local emulators of Defexa, ForumPay, Finrax and DePay',
  usage:
    'sandbox [--port <port>] [--time-scale <factor>] [--write-config <file>] [--callback-url <url>] [--finrax-callback-url <url>]',
  options: {
    port: { type: 'string', short: 'p' },
    'time-scale': { type: 'string' },
    'write-config': { type: 'string' },
    force: { type: 'boolean' },
    'callback-url': { type: 'string' },
    'finrax-callback-url': { type: 'string' },
  },
  optionHelp: [
    ['-p, --port <port>', `port on 127.0.0.1 (default ${DEFAULT_SANDBOX_PORT}; 0 for a free one)`],
    ['--time-scale <factor>', 'real ms per sandbox ms for webhook retries (default 1)'],
    [
      '--write-config <file>',
      'write a paymux config for the emulators (rewritten, same credentials, on every start)',
    ],
    ['--force', 'let --write-config replace a file the sandbox did not write'],
    ['--callback-url <url>', `Defexa's callbackUrl in the written config (default ${DEFAULT_CALLBACK_URL})`],
    ['--finrax-callback-url <url>', "where the Finrax emulator sends callbacks (e.g. webhooks listen's URL)"],
  ],
  examples: [
    'paymux sandbox --write-config paymux.config.json',
    'paymux sandbox --port 0 --finrax-callback-url http://127.0.0.1:4242/',
  ],
  needsConfig: false,
  async run(context) {
    const command = 'sandbox';
    const { values, io } = context;
    const port = integerOption(values, 'port', { min: 0, max: 65_535 }, command) ?? DEFAULT_SANDBOX_PORT;
    const scaleText = stringOption(values, 'time-scale');
    const timeScale = scaleText === undefined ? 1 : Number(scaleText);
    if (!Number.isFinite(timeScale) || timeScale <= 0) {
      throw new UsageError(`--time-scale must be a positive number, got "${scaleText}"`, command);
    }
    const configFile = stringOption(values, 'write-config');
    const configPath = configFile === undefined ? undefined : resolve(io.cwd, configFile);
    // A config this command wrote is written again on every start, with the same credentials, so
    // the file keeps working across restarts; one it did not write is only replaced with --force.
    let credentials: SandboxCredentials | undefined;
    if (configPath !== undefined && values.force !== true && (await exists(configPath))) {
      const previous = await readPreviousSandboxConfig(configPath);
      if (previous === undefined) {
        throw new UsageError(`${configPath} exists; pass --force to replace it`, command);
      }
      if (await sandboxAnswers(previous.origin)) {
        throw new UsageError(
          `${configPath} belongs to the sandbox running at ${previous.origin}; stop it first, or pass --force to replace the file`,
          command,
        );
      }
      credentials = previous.credentials;
    }

    context.progress.start('Starting the sandbox');
    const { startSandbox } = await import('@paymux/sandbox');
    const sandbox = await startSandbox({ port, timeScale, credentials }).catch((error: unknown) => {
      context.progress.stop();
      if ((error as { code?: unknown }).code === 'EADDRINUSE') {
        throw new UsageError(
          `Port ${port} is already in use: pass --port <port> (0 for a free one)`,
          command,
        );
      }
      throw error;
    });
    context.progress.stop();
    try {
      const callbackUrl = stringOption(values, 'finrax-callback-url');
      if (callbackUrl !== undefined) {
        sandbox.control.setFinraxCallbackUrls({
          deposit: callbackUrl,
          withdrawal: callbackUrl,
          withdrawalApproval: callbackUrl,
        });
      }
      const config = sandboxConfig(sandbox, { callbackUrl: stringOption(values, 'callback-url') });
      if (configPath !== undefined) await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`);
      const { defexa, forumpay, finrax, depay } = sandbox.providers;
      const human = [
        `paymux sandbox listening on ${sandbox.url}`,
        table([
          ['defexa', defexa.baseUrl],
          ['forumpay', forumpay.baseUrl],
          ['finrax', finrax.baseUrl],
          ['depay', depay.baseUrl],
          ['control API', `${sandbox.url}/__sandbox/info`],
        ]),
        configPath === undefined
          ? 'Credentials: run with --write-config <file> for a ready config, or --json.'
          : `Config with the sandbox credentials written to ${configPath}`,
        'Ctrl+C to stop.',
      ].join('\n');
      context.output({ url: sandbox.url, providers: sandbox.providers, config, configPath }, human);
      await new Promise<void>((done) => {
        if (io.signal?.aborted) return done();
        io.signal?.addEventListener('abort', () => done(), { once: true });
      });
    } finally {
      await sandbox.close();
    }
    io.stderr.write('Sandbox stopped.\n');
    return ExitCode.ok;
  },
};
