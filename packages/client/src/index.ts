export { createPaymux } from './client/create-paymux';
export type { PaymuxCallOptions } from './client/operation-runner';
export { Paymux } from './client/paymux-client';
export type { PaymuxWebhooks } from './client/paymux-webhooks';
export {
  type AccountConfig,
  accountConfigSchema,
  type PaymuxConfig,
  paymuxConfigSchema,
  type RoutingConfig,
  routingConfigSchema,
} from './config/config-schema';
export {
  type EnvSource,
  env,
  interpolateEnv,
  loadConfigFile,
  type PaymuxConfigData,
} from './config/load-config-file';
export { defineConfig } from './config/define-config';
export type {
  AccountConfigOf,
  AnyProviderPlugin,
  TypedAccountConfig,
  TypedPaymuxConfig,
  TypedRoutingConfig,
} from './config/typed-config';
export type {
  OperationWithProviderOptions,
  ProviderOptionsByOperation,
  ProviderOptionsByPlugins,
  ProviderOptionsOf,
  UntypedProviderOptions,
  UntypedProviderOptionsByOperation,
  WithProviderOptions,
} from './config/typed-provider-options';
// What a merchant handles, re-exported so an application never imports @paymux/core (which pnpm's
// strict layout does not let it reach without declaring it).
export {
  AmbiguousOutcomeError,
  AuthenticationError,
  ConfigurationError,
  DuplicateReferenceError,
  errorClasses,
  InsufficientFundsError,
  NetworkError,
  NotFoundError,
  PaymuxError,
  type PaymuxErrorCode,
  type PaymuxErrorOptions,
  PermissionError,
  ProviderRejectedError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
  UnsupportedOperationError,
  ValidationError,
  type ValidationIssue,
  WebhookVerificationError,
} from '@paymux/core';
export {
  type AcceptUnderpaymentInput,
  type AddressValidation,
  type AmountDelta,
  type Asset,
  type Balance,
  type CancelPaymentInput,
  type CreatePaymentInput,
  type CreatePayoutBatchInput,
  type CreatePayoutInput,
  type CreateRefundInput,
  type CurrencyInfo,
  decimal,
  type EstimatePayoutFeeInput,
  type EventType,
  finalPaymentStatuses,
  finalPayoutStatuses,
  finalRefundStatuses,
  type GetQuoteInput,
  type ListInput,
  type LogFields,
  type Logger,
  type Money,
  money,
  type Page,
  type PayIn,
  type Payment,
  type PaymentEvent,
  type PaymentEventType,
  type PaymentFlow,
  type PaymentProvider,
  type PaymentStatus,
  paymentStatuses,
  type Payout,
  type PayoutBatch,
  type PayoutDestination,
  type PayoutEvent,
  type PayoutEventType,
  type PayoutFeeEstimate,
  type PayoutStatus,
  payoutStatuses,
  type PayWith,
  type ProviderPlugin,
  type Quote,
  type QuoteDetails,
  type Refund,
  type RefundEvent,
  type RefundEventType,
  type RefundStatus,
  refundStatuses,
  silentLogger,
  type Transfer,
  type ValidateAddressInput,
  type VerificationMethod,
  type WebhookEvent,
} from '@paymux/core';
export type { EventOfType, PaymuxEventListeners, PaymuxEventName } from './events/event-map';
export { isCertainNonCreation } from './routing/router';
export {
  type RoutingCondition,
  type RoutingRule,
  type RoutingRuleInput,
  routingRuleSchema,
} from './routing/routing-rules';
export {
  type AccountState,
  createMemoryStore,
  type IdempotencyRecord,
  type IdempotencyState,
  type MemoryStoreOptions,
  type ObjectState,
  type Store,
  type StoredValue,
  type TrackedObjectKind,
  type TrackedObjectRecord,
  type VersionedObjectState,
} from '@paymux/core';
export type {
  TelemetryMeterProvider,
  TelemetryOptions,
  TelemetryTracerProvider,
} from './telemetry/telemetry-options';
export {
  type TrackerClock,
  type TrackerOptions,
  trackerOptionsSchema,
} from './tracker/tracker-options';
export type {
  PaymuxTracker,
  TrackedKind,
  TrackerFinishCounts,
  TrackerStats,
  TrackInput,
} from './tracker/tracker-types';
export {
  type ExpressLikeNext,
  type ExpressLikeRequest,
  type ExpressLikeResponse,
  toExpressHandler,
} from './webhooks/express-handler';
export { toFetchHandler } from './webhooks/fetch-handler';
export { toNodeHandler, type WebhookHandlerTarget } from './webhooks/node-handler';
export type { IgnoredWebhookEvent, IncomingWebhook, WebhookHandleResult } from './webhooks/webhook-pipeline';
