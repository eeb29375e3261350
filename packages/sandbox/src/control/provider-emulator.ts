import type { SandboxClock } from '../core/sandbox-clock';
import type { SandboxScheduler } from '../core/sandbox-scheduler';
import type { Mount } from '../http/http-types';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import type { ProviderName } from '../webhooks/webhook-types';
import type {
  ConfirmInput,
  ControlSnapshot,
  ControlTarget,
  PayInput,
  PayoutDecisionInput,
} from './control-types';

/** What every emulator is given. */
export interface EmulatorContext {
  clock: SandboxClock;
  scheduler: SandboxScheduler;
  webhooks: WebhookDispatcher;
}

/** One provider's emulator as the sandbox drives it. */
export interface ProviderEmulator {
  readonly name: ProviderName;
  readonly mount: Mount;
  pay(input: PayInput): ControlSnapshot;
  confirm(input: ConfirmInput): ControlSnapshot;
  expire(target: ControlTarget): ControlSnapshot;
  hold(target: ControlTarget): ControlSnapshot;
  inspect(target: ControlTarget, kind: 'payment' | 'payout'): ControlSnapshot;
  approvePayout(input: PayoutDecisionInput): ControlSnapshot;
  declinePayout(input: PayoutDecisionInput): ControlSnapshot;
  /** Called after `advanceTime`, to expire what is due. */
  onClockAdvanced(): void;
}
