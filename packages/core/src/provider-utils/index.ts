export * from './call-options';
export * from './provider-options';
export * from './webhook-event';
export * from './write-outcome';
export * from './wire-schemas';
