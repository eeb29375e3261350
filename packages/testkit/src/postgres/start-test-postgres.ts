import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findPostgresBinaries } from './find-postgres-binaries';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster on loopback. */
export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust authentication, no password. */
  connectionString: string;
  /** Stops the server and deletes its files. Safe to call twice. */
  stop(): Promise<void>;
}

/** No PostgreSQL server binaries on this machine. */
export class PostgresNotInstalledError extends Error {
  constructor() {
    super(
      'PostgreSQL is not installed (no initdb and pg_ctl in PAYMUX_POSTGRES_BIN, /usr/lib/postgresql/*/bin or the PATH); on Debian: apt-get install postgresql',
    );
    this.name = 'PostgresNotInstalledError';
  }
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

/** The `postgres` OS user's ids when running as root (initdb refuses root), else undefined. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      'running as root, and there is no postgres OS user to run initdb as (initdb refuses root)',
    );
  }
}

/**
 * Starts a throwaway PostgreSQL cluster for tests: `initdb` (trust authentication, user
 * `postgres`) into a fresh temporary directory, then `pg_ctl start` listening on 127.0.0.1 at a
 * free port, its socket in that directory. As root it runs both as the `postgres` OS user. Durability
 * is off (`fsync=off`): the data is thrown away anyway. Rejects with `PostgresNotInstalledError`
 * when the binaries are missing. Call `stop()` at the end (a process exit stops it too).
 *
 * @example
 * const postgres = await startTestPostgres();
 * const store = await createPostgresStore({ connectionString: postgres.connectionString });
 * await postgres.stop();
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const binaries = findPostgresBinaries();
  if (!binaries) throw new PostgresNotInstalledError();
  const user = postgresUser();
  const directory = mkdtempSync(join(tmpdir(), 'paymux-postgres-'));
  if (user) chownSync(directory, user.uid, user.gid);
  const data = join(directory, 'data');
  const log = join(directory, 'server.log');
  const as = (command: string, args: string[]): [string, string[]] =>
    user ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

  let started = false;
  const stopNow = () => {
    if (started) {
      started = false;
      try {
        const [pgCtl, stopArgs] = as(binaries.pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w']);
        execFileSync(pgCtl, stopArgs, { stdio: 'ignore', cwd: tmpdir() });
      } catch {
        // Already stopped.
      }
    }
    rmSync(directory, { recursive: true, force: true });
  };
  process.once('exit', stopNow);

  try {
    // The cwd is the temp directory: the postgres user may not be able to enter the caller's.
    const [initdb, initdbArgs] = as(binaries.initdb, [
      '-D',
      data,
      '--auth=trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    await run(initdb, initdbArgs, { cwd: directory });
    // A port found free may be taken before the server binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${directory} -c fsync=off -c max_connections=200`;
      try {
        const [pgCtl, startArgs] = as(binaries.pgCtl, [
          'start',
          '-D',
          data,
          '-l',
          log,
          '-w',
          '-t',
          '60',
          '-o',
          serverOptions,
        ]);
        await run(pgCtl, startArgs, { cwd: directory });
        started = true;
        return {
          connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
          stop: async () => {
            process.removeListener('exit', stopNow);
            stopNow();
          },
        };
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    let serverLog = '';
    try {
      serverLog = readFileSync(log, 'utf8').slice(-2_000);
    } catch {
      // No log written yet.
    }
    process.removeListener('exit', stopNow);
    stopNow();
    throw new Error(`could not start a test PostgreSQL: ${(error as Error).message}\n${serverLog}`, {
      cause: error,
    });
  }
}
