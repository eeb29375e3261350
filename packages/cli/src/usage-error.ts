/** A command line that cannot run: unknown command or option, missing or malformed argument. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  /** @param command The command whose `--help` the message points to, e.g. `payments create`. */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}
