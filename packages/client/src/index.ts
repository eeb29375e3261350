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
