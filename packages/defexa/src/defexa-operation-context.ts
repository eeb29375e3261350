import type { DefexaClient } from './defexa-client';
import type { DefexaMappingContext } from './defexa-payment-mapper';
import type { DefexaSettings } from './defexa-settings';

/** What the unified operations share: the low-level client, the settings and the mapping context. */
export interface DefexaOperationContext extends DefexaMappingContext {
  api: DefexaClient;
  settings: DefexaSettings;
}
