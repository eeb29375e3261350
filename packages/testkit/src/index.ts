export {
  CONFORMANCE_ACCOUNT,
  CONFORMANCE_RETRY,
  CONFORMANCE_TIMEOUT_MS,
} from './conformance/conformance-harness';
export { defaultExpectedErrors, errorCases } from './conformance/expected-errors';
export { firstRequestAfterSaturation } from './conformance/call-priority';
export { type AdapterShapeInput, adapterShapeProblems } from './conformance/adapter-shape';
export {
  describeProviderOptionsChecks,
  type ProviderOptionsCall,
  type ProviderOptionsChecksInput,
} from './conformance/provider-options-checks';
export * from './conformance-types';
export { describeProviderConformance } from './describe-provider-conformance';
export * from './faults/index';
export { mockPaymentStatusTable, mockPayoutStatusTable } from './mock/map-mock-status';
export {
  type MockCreatePaymentRequest,
  type MockCreatePayoutRequest,
  type MockPayoutStatus,
  type MockStatus,
  type MockWirePayment,
  type MockWirePayout,
  type MockWireWebhook,
  mockPayoutStatuses,
  mockStatuses,
} from './mock/mock-api';
export {
  createMockApiServer,
  type MockApiFailure,
  type MockApiServer,
  type MockApiServerOptions,
  type MockWebhookDelivery,
} from './mock/mock-api-server';
export type { MockApi, MockRequestOptions } from './mock/mock-client';
export { createMockProvider, mockCapabilities, mockProviderPlugin } from './mock/mock-provider';
export { type MockProviderSettings, mockSettingsSchema } from './mock/mock-settings';
export { MOCK_SIGNATURE_HEADER } from './mock/mock-webhook';
export * from './nock-helpers';
export * from './webhook-signers';
export { describeStoreConformance } from './store-conformance/describe-store-conformance';
export type { StoreConformanceFactory } from './store-conformance/store-conformance-types';
export * from './postgres/index';
export * from './processes/index';
