import { access, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Sandbox, SandboxOptions } from '@paymux/sandbox';
import { type CliCommand, stringOption } from '../command';
import { ExitCode } from '../exit-codes';
import { table } from '../format-human';
import { integerOption } from '../input-options';
import { importFrom } from '../plugin-loader';
import { UsageError } from '../usage-error';

// A variable, not a literal: the bundler must not inline the sandbox, and the client must not
// depend on it. It is a separate, optional install.
const SANDBOX_MODULE = '@paymux/sandbox';

type StartSandbox = (options?: SandboxOptions) => Promise<Sandbox>;

/** A paymux config file for the four emulators, one account per provider. */
export function sandboxConfig(sandbox: Sandbox): Record<string, unknown> {
  const { defexa, forumpay, finrax, depay } = sandbox.providers;
  return {
    providers: {
      defexa: { type: 'defexa', baseUrl: defexa.baseUrl, merchantPrivateKey: defexa.merchantPrivateKey },
      forumpay: {
        type: 'forumpay',
        baseUrl: forumpay.baseUrl,
        user: forumpay.apiUser,
        secret: forumpay.apiSecret,
        posId: forumpay.posId,
      },
      finrax: {
        type: 'finrax',
        baseUrl: finrax.baseUrl,
        apiKey: finrax.apiKey,
        apiSecret: finrax.apiSecret,
        businessId: finrax.businessId,
        callbackPublicKey: finrax.callbackPublicKey,
        // Finrax needs a fiat display currency on every withdrawal, crypto-sized ones included.
        defaultDisplayCurrency: 'EUR',
      },
      depay: {
        type: 'depay',
        baseUrl: depay.baseUrl,
        apiKey: depay.apiKey,
        publicKey: depay.callbackPublicKey,
      },
    },
    routing: { default: 'finrax' },
  };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export const sandboxCommand: CliCommand = {
  path: ['sandbox'],
  summary: 'start the local emulators of Defexa, ForumPay, Finrax and DePay',
  usage:
    'sandbox [--port <port>] [--time-scale <factor>] [--write-config <file>] [--finrax-callback-url <url>]',
  options: {
    port: { type: 'string', short: 'p' },
    'time-scale': { type: 'string' },
    'write-config': { type: 'string' },
    force: { type: 'boolean' },
    'finrax-callback-url': { type: 'string' },
  },
  optionHelp: [
    ['-p, --port <port>', 'port on 127.0.0.1 (default: a free one)'],
    ['--time-scale <factor>', 'real ms per sandbox ms for webhook retries (default 1)'],
    ['--write-config <file>', 'write a paymux config for the emulators (with their credentials)'],
    ['--force', 'let --write-config replace an existing file'],
    ['--finrax-callback-url <url>', "where the Finrax emulator sends callbacks (e.g. webhooks listen's URL)"],
  ],
  examples: [
    'paymux sandbox --write-config paymux.config.json',
    'paymux sandbox --port 4010 --finrax-callback-url http://127.0.0.1:4242/',
  ],
  needsConfig: false,
  async run(context) {
    const command = 'sandbox';
    const { values, io } = context;
    const port = integerOption(values, 'port', { min: 0, max: 65_535 }, command) ?? 0;
    const scaleText = stringOption(values, 'time-scale');
    const timeScale = scaleText === undefined ? 1 : Number(scaleText);
    if (!Number.isFinite(timeScale) || timeScale <= 0) {
      throw new UsageError(`--time-scale must be a positive number, got "${scaleText}"`, command);
    }
    const configFile = stringOption(values, 'write-config');
    const configPath = configFile === undefined ? undefined : resolve(io.cwd, configFile);
    if (configPath !== undefined && values.force !== true && (await exists(configPath))) {
      throw new UsageError(`${configPath} exists; pass --force to replace it`, command);
    }

    context.progress.start('Starting the sandbox');
    const module = await importFrom(SANDBOX_MODULE, io.cwd);
    const startSandbox = module?.startSandbox as StartSandbox | undefined;
    if (typeof startSandbox !== 'function') {
      context.progress.stop();
      throw new UsageError(
        `paymux sandbox needs ${SANDBOX_MODULE}, which is not installed: npm install --save-dev ${SANDBOX_MODULE}`,
        command,
      );
    }
    const sandbox = await startSandbox({ port, timeScale });
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
      const config = sandboxConfig(sandbox);
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
