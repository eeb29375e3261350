export * from './defexa-api';
export { defexaCapabilities } from './defexa-capabilities';
export {
  createDefexaClient,
  type DefexaCallOptions,
  type DefexaClient,
  type DefexaClientOptions,
} from './defexa-client';
export { defexaErrorCodes, defexaErrorKinds, mapDefexaError, readDefexaErrors } from './defexa-error';
export {
  type DefexaBatchKey,
  type DefexaPaymentKey,
  type DefexaPayoutKey,
  decodeDefexaBatchId,
  decodeDefexaPaymentId,
  decodeDefexaPayoutId,
  encodeDefexaBatchId,
  encodeDefexaPaymentId,
  encodeDefexaPayoutId,
} from './defexa-ids';
export {
  assetOfDefexaCurrency,
  type DefexaCurrency,
  defexaCurrencies,
  defexaCurrencyOf,
} from './defexa-networks';
export { createDefexa, type DefexaProvider, defexa, plugin } from './defexa-provider';
export * from './defexa-provider-options';
export { parseDefexaTimestamp } from './defexa-session';
export {
  type DefexaSettings,
  type DefexaSettingsInput,
  type DefexaSignatureCheck,
  type DefexaSignatureVerifier,
  defexaBaseUrl,
  defexaBaseUrls,
  defexaSettingsSchema,
} from './defexa-settings';
export { type DefexaCallback, defexaCallbackSchema, parseDefexaWebhook } from './defexa-webhook';
export * from './map-defexa-status';
