export { describeReadFaults, type ReadFaultsOptions } from './describe-read-faults';
export { type FaultAction, type FaultRequest, faults } from './fault-actions';
export {
  type CapturedFailure,
  connectionReset,
  expectPaymuxFailure,
  FAULT_RETRY,
  FAULT_TIMEOUT_MS,
  type PaymuxErrorClass,
  type PaymuxFailureExpectation,
} from './fault-expectations';
export { type FaultRecord, type FaultServer, startFaultServer } from './fault-server';
export { useFaultServer } from './use-fault-server';
export { type TransportUnderTest, transportsUnderTest } from './transports-under-test';
