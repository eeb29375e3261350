/** Fields attached to a log line. Redacted before they reach a logger. */
export type LogFields = Record<string, unknown>;

/**
 * The logger paymux writes to. Compatible with pino, winston and `console`-like objects.
 *
 * @example
 * createPaymux({ ..., logger: pino() })
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops everything: the default. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
