import type { ChaosPolicy } from '../core/chaos-policy';
import type { SandboxClock } from '../core/sandbox-clock';
import type { SandboxScheduler } from '../core/sandbox-scheduler';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import type { ProviderName, WebhookDelivery } from '../webhooks/webhook-types';
import { ControlError } from './control-error';
import type { FinraxCallbackUrls, SandboxControl, WebhookFilter } from './control-types';
import type { ProviderEmulator } from './provider-emulator';

/** Provider-specific control hooks that do not fit the common emulator shape. */
export interface ControllerExtras {
  failDepayTracking: SandboxControl['failTracking'];
  setFinraxCallbackUrls: (urls: FinraxCallbackUrls) => void;
}

function matches(delivery: WebhookDelivery, filter: WebhookFilter): boolean {
  if (filter.provider && delivery.provider !== filter.provider) return false;
  if (filter.event && delivery.event !== filter.event) return false;
  if (filter.state && delivery.state !== filter.state) return false;
  if (filter.bodyIncludes && !delivery.body.includes(filter.bodyIncludes)) return false;
  return true;
}

/** Builds the {@link SandboxControl} over the emulators. */
export function createSandboxController(
  emulators: Readonly<Record<ProviderName, ProviderEmulator>>,
  parts: {
    clock: SandboxClock;
    scheduler: SandboxScheduler;
    webhooks: WebhookDispatcher;
    chaos: ChaosPolicy;
  },
  extras: ControllerExtras,
): SandboxControl {
  const emulator = (provider: string): ProviderEmulator => {
    const found = (emulators as Record<string, ProviderEmulator | undefined>)[provider];
    if (!found) throw new ControlError(400, `Unknown provider "${provider}"`);
    return found;
  };
  return {
    pay: (input) => emulator(input.provider).pay(input),
    confirm: (input) => emulator(input.provider).confirm(input),
    expire: (input) => emulator(input.provider).expire(input),
    hold: (input) => emulator(input.provider).hold(input),
    failTracking: (input) => extras.failDepayTracking(input),
    approvePayout: (input) => emulator(input.provider).approvePayout(input),
    declinePayout: (input) => emulator(input.provider).declinePayout(input),
    inspect: (input) => emulator(input.provider).inspect(input, input.kind ?? 'payment'),
    advanceTime: (ms) => {
      try {
        parts.clock.advance(ms);
      } catch (error) {
        throw new ControlError(400, (error as Error).message);
      }
      for (const each of Object.values(emulators)) each.onClockAdvanced();
      parts.scheduler.runDue();
    },
    now: () => parts.clock.now(),
    webhooks: (filter = {}) => parts.webhooks.list().filter((delivery) => matches(delivery, filter)),
    waitForWebhook: (filter, timeoutMs = 5_000) =>
      parts.webhooks.waitFor((delivery) => matches(delivery, filter), timeoutMs),
    clearWebhooks: () => parts.webhooks.clear(),
    setFinraxCallbackUrls: (urls) => extras.setFinraxCallbackUrls(urls),
    setChaos: (chaos) => parts.chaos.update(chaos),
  };
}
