export type {
  AcceptPaymentParams,
  AcceptPaymentResponse,
  CancelPaymentParams,
  CancelPaymentResponse,
  CheckPaymentResponse,
  CommonParams,
  CurrencyListEntry,
  ForumpayParam,
  GetCurrencyListParams,
  GetRateParams,
  GetRateResponse,
  GetTransactionsParams,
  GetTransactionsResponse,
  PaymentLookupParams,
  RefundPaymentParams,
  RefundPaymentResponse,
  StartPaymentParams,
  StartPaymentResponse,
  Transaction,
} from './forumpay-api';
export type { ForumpayApi, ForumpayCallOptions, ForumpayClient, ForumpayResponse } from './forumpay-client';
export { mapForumpayError } from './forumpay-error';
export {
  createForumpayCurrencyMap,
  type ForumpayCurrencyMap,
  forumpayNativeCurrencyNetworks,
} from './forumpay-networks';
export {
  type ForumpayCreatePaymentOptions,
  forumpayAcceptOptionsSchema,
  forumpayCancelOptionsSchema,
  forumpayCreatePaymentOptionsSchema,
  forumpayQuoteOptionsSchema,
} from './forumpay-options';
export {
  decodeForumpayPaymentId,
  encodeForumpayPaymentId,
  FORUMPAY_PAYMENT_ID_PREFIX,
  type ForumpayPaymentLookup,
} from './forumpay-payment-id';
export { forumpayTimeToIso } from './forumpay-payment-mapper';
export {
  decodeForumpayRefundId,
  encodeForumpayRefundId,
  FORUMPAY_REFUND_ID_PREFIX,
  type ForumpayRefundLookup,
  mapForumpayRefundStatus,
} from './forumpay-refund-mapper';
export { FORUMPAY_WEBHOOK_DEADLINE_MS } from './forumpay-webhook';
export {
  createForumpay,
  type ForumpayProvider,
  forumpay,
  forumpayCapabilities,
  plugin,
} from './forumpay-provider';
export {
  FORUMPAY_TYPE,
  type ForumpaySettings,
  type ForumpaySettingsInput,
  forumpayBaseUrls,
  forumpaySecretFields,
  forumpaySettingsSchema,
} from './forumpay-settings';
export {
  type ForumpayPaymentState,
  forumpayPaymentStates,
  forumpayStatusTable,
  mapForumpayStatus,
} from './map-forumpay-status';
