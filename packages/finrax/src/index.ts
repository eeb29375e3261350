export * from './finrax-api';
export * from './finrax-authentication';
export * from './finrax-capabilities';
export * from './finrax-client';
export * from './finrax-error';
export * from './finrax-ids';
export * from './finrax-networks';
export {
  type FinraxMappingContext,
  type FinraxPaymentHints,
  listFinraxRefunds,
  toUnifiedPayment,
  toUnifiedRefunds,
} from './finrax-payment-mapper';
export { FINRAX_APPROVAL_PENDING_STATUS, toUnifiedPayout } from './finrax-payout-mapper';
export * from './finrax-provider';
export * from './finrax-provider-options';
export * from './finrax-settings';
export * from './finrax-webhook';
export * from './map-finrax-status';
