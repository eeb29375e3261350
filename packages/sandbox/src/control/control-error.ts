/** A control-API call that cannot be carried out; `status` is the HTTP status the JSON API answers. */
export class ControlError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

/** Throws a 404 ControlError when `value` is undefined. */
export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new ControlError(404, `Unknown ${what}`);
  return value;
}
