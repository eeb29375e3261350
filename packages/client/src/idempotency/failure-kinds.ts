// Whether a failed mutating call may have taken effect is decided once, in core (the same rule
// the adapters and the HTTP client apply).
export { mayHaveTakenEffect } from '@paymux/core';
