export { startSandbox } from './start-sandbox';
export type { Sandbox, SandboxCredentials, SandboxOptions, SandboxProviders } from './sandbox-types';
export type {
  ConfirmInput,
  ControlSnapshot,
  ControlTarget,
  DepayFailedReason,
  FailTrackingInput,
  FinraxCallbackUrls,
  PayAmountKind,
  PayInput,
  PayoutDecisionInput,
  SandboxControl,
  WebhookFilter,
} from './control/control-types';
export type { ChaosOptions } from './core/chaos-policy';
export type { ProviderName, WebhookAttempt, WebhookDelivery } from './webhooks/webhook-types';
export { finraxSignature } from './finrax/finrax-auth';
export { signFinraxCallback } from './finrax/finrax-callbacks';
export { signDepayBody, verifyDepaySignature } from './depay/depay-signature';
