import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { createControlMount } from './control/control-routes';
import { createSandboxController } from './control/sandbox-controller';
import { ChaosPolicy } from './core/chaos-policy';
import { randomHex, randomToken, randomUuid } from './core/random-ids';
import { SandboxClock } from './core/sandbox-clock';
import { SandboxScheduler } from './core/sandbox-scheduler';
import { createDefexaEmulator } from './defexa/defexa-emulator';
import { createDepayEmulator } from './depay/depay-emulator';
import { createFinraxEmulator } from './finrax/finrax-emulator';
import { createForumPayEmulator } from './forumpay/forumpay-emulator';
import { listenSandboxServer } from './http/sandbox-http-server';
import type { Sandbox, SandboxOptions, SandboxProviders } from './sandbox-types';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';

const generateRsaKeyPair = promisify(generateKeyPair);

async function rsaKeyPair(): Promise<{ privateKey: KeyObject; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/**
 * Starts local emulators of the Defexa, ForumPay, Finrax and DePay APIs on one loopback port.
 *
 * @example
 * const sandbox = await startSandbox({ timeScale: 0.001 });
 * const { baseUrl, apiKey, callbackPublicKey } = sandbox.providers.depay;
 * // … create a DePay tracking against baseUrl, then play the blockchain:
 * sandbox.control.pay({ provider: 'depay', id: uuid, confirmations: 13 });
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const timeScale = options.timeScale ?? 1;
  if (!Number.isFinite(timeScale) || timeScale < 0) throw new RangeError('timeScale must be a number >= 0');
  const credentials = options.credentials ?? {};
  const [finraxKeys, depayKeys] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);

  const clock = new SandboxClock();
  const scheduler = new SandboxScheduler(clock, timeScale);
  const chaos = new ChaosPolicy(options.chaos);
  const webhooks = new WebhookDispatcher(clock, scheduler, chaos);
  const context = { clock, scheduler, webhooks };

  const defexaKey = credentials.defexa?.merchantPrivateKey ?? randomHex(20);
  const forumpay = {
    apiUser: credentials.forumpay?.apiUser ?? `sandbox-${randomHex(4)}`,
    apiSecret: credentials.forumpay?.apiSecret ?? randomToken(24),
    posId: credentials.forumpay?.posId ?? 'web',
  };
  const finrax = {
    apiKey: credentials.finrax?.apiKey ?? randomHex(16),
    apiSecret: credentials.finrax?.apiSecret ?? randomHex(32),
    businessId: credentials.finrax?.businessId ?? randomUuid(),
  };
  const depayKey = credentials.depay?.apiKey ?? randomToken(30);

  const emulators = {
    defexa: createDefexaEmulator(context, {
      merchantPrivateKey: defexaKey,
      ...(options.defexa?.sessionLifetimeMs !== undefined
        ? { sessionLifetimeMs: options.defexa.sessionLifetimeMs }
        : {}),
    }),
    forumpay: createForumPayEmulator(context, forumpay),
    finrax: createFinraxEmulator(context, {
      ...finrax,
      callbackPrivateKey: finraxKeys.privateKey,
      ...(options.finrax?.callbackUrls ? { callbackUrls: options.finrax.callbackUrls } : {}),
      ...(options.finrax?.approvalThresholdUsd
        ? { approvalThresholdUsd: options.finrax.approvalThresholdUsd }
        : {}),
      ...(options.finrax?.timestampToleranceMs !== undefined
        ? { timestampToleranceMs: options.finrax.timestampToleranceMs }
        : {}),
    }),
    depay: createDepayEmulator(context, {
      apiKey: depayKey,
      callbackPrivateKey: depayKeys.privateKey,
      limits: { ...options.depay },
    }),
  };
  const control = createSandboxController(
    emulators,
    { clock, scheduler, webhooks, chaos },
    {
      failDepayTracking: (input) => emulators.depay.failTracking(input),
      setFinraxCallbackUrls: (urls) => emulators.finrax.setCallbackUrls(urls),
    },
  );

  let providers: SandboxProviders | undefined;
  const controlMount = createControlMount(control, () => ({ providers: providers ?? null }));
  const server = await listenSandboxServer(
    [...Object.values(emulators).map((emulator) => emulator.mount), controlMount],
    chaos,
    options.port ?? 0,
    host,
  );
  providers = {
    defexa: { baseUrl: `${server.origin}/defexa`, merchantPrivateKey: defexaKey },
    forumpay: { baseUrl: `${server.origin}/forumpay/pay/v2/`, ...forumpay },
    finrax: { baseUrl: `${server.origin}/finrax`, ...finrax, callbackPublicKey: finraxKeys.publicKeyPem },
    depay: {
      baseUrl: `${server.origin}/depay/v2`,
      apiKey: depayKey,
      callbackPublicKey: depayKeys.publicKeyPem,
    },
  };

  return {
    url: server.origin,
    port: server.port,
    providers,
    control,
    close: async () => {
      scheduler.close();
      webhooks.close();
      await server.close();
    },
  };
}
