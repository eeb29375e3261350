export {
  type DepayAccountAsset,
  type DepayCallbackTracking,
  type DepayCreatePaymentRequest,
  type DepayFailedReason,
  type DepayPayment,
  type DepayPaymentStatus,
  type DepayReleaseRequest,
  depayAccountAssetSchema,
  depayCallbackSchema,
  depayFailedReasons,
  depayPaymentSchema,
  depayPaymentStatuses,
  depayReleaseRequest,
  depayTrackingId,
} from './depay-api';
export type {
  DepayAccountAssetsResult,
  DepayApi,
  DepayClient,
  DepayCreatePaymentResult,
  DepayPaymentResult,
  DepayRequestOptions,
} from './depay-client';
export { mapDepayError } from './depay-error';
export { DEPAY_PRICE_CURRENCY, depayQuoteOptionsSchema } from './depay-market';
export {
  DEPAY_NATIVE_TOKEN_ADDRESS,
  DEPAY_SOLANA_NATIVE_TOKEN_ADDRESS,
  type DepayBlockchain,
  type DepayKnownToken,
  depayDefaultConfirmations,
  depayKnownTokens,
  depayNetworks,
} from './depay-networks';
export {
  DEPAY_TRACKING_WINDOW_MS,
  type DepayMapContext,
  type DepayPaymuxPayload,
  toDepayPayment,
} from './depay-payment-mapper';
export { type DepayPaymentOptions, depayPaymentOptionsSchema } from './depay-payments';
export {
  createDepay,
  DEPAY_RATE_WINDOW_MARGIN_MS,
  type DepayProvider,
  depayCapabilities,
  plugin,
  plugin as depay,
} from './depay-provider';
export {
  DEPAY_PUBLIC_KEY,
  type DepaySettings,
  type DepaySettingsInput,
  type DepayWallet,
  depayBaseUrls,
  depaySettingsSchema,
} from './depay-settings';
export { DEPAY_SIGNATURE_HEADER, verifyDepaySignature } from './depay-webhook';
export { DEPAY_TIMEOUT_REASON, depayStatusTable, mapDepayStatus } from './map-depay-status';
