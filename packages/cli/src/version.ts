import packageJson from '../package.json' with { type: 'json' };

/** The version of `@paymux/cli`, as `paymux --version` prints it. */
export const cliVersion: string = packageJson.version;
