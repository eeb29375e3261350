import type { DefexaClient } from './defexa-client';
import type { DefexaMappingContext } from './defexa-payment-mapper';
import type { DefexaPaymentMemory } from './defexa-payment-memory';
import type { DefexaSettings } from './defexa-settings';

/** What the unified operations share: the low-level client, the settings, the mapping context and the account state. */
export interface DefexaOperationContext extends DefexaMappingContext {
  api: DefexaClient;
  settings: DefexaSettings;
  /** The payments this account created, in its durable state (`context.state`). */
  memory: DefexaPaymentMemory;
}
