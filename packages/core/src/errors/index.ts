export * from './error-classes';
export * from './paymux-error';
export * from './validation';
export * from './scrub-error';
