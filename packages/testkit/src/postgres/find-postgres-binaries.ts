import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where `initdb` and `pg_ctl` were found. */
export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
}

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const inDirectory = (directory: string): PostgresBinaries | undefined => {
  const initdb = join(directory, 'initdb');
  const pgCtl = join(directory, 'pg_ctl');
  return executable(initdb) && executable(pgCtl) ? { initdb, pgCtl } : undefined;
};

/**
 * PostgreSQL's server binaries: `PAYMUX_POSTGRES_BIN` when set, else the newest of Debian's
 * `/usr/lib/postgresql/<version>/bin` (Debian keeps `initdb` off the PATH), else the PATH.
 *
 * @example
 * const binaries = findPostgresBinaries(); // { initdb: '/usr/lib/postgresql/15/bin/initdb', … }
 */
export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env): PostgresBinaries | undefined {
  if (env.PAYMUX_POSTGRES_BIN) return inDirectory(env.PAYMUX_POSTGRES_BIN);
  let versions: string[] = [];
  try {
    versions = readdirSync('/usr/lib/postgresql');
  } catch {
    // Not Debian's layout: fall through to the PATH.
  }
  const newestFirst = versions
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  for (const version of newestFirst) {
    const found = inDirectory(join('/usr/lib/postgresql', version, 'bin'));
    if (found) return found;
  }
  for (const directory of (env.PATH ?? '').split(delimiter)) {
    const found = directory ? inDirectory(directory) : undefined;
    if (found) return found;
  }
  return undefined;
}
