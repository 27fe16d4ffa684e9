import { execFile } from 'node:child_process';
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { searchPath } from './env.js';
import { freePort } from './free-port.js';
import { postgresBinDir } from './postgres-bin-dir.js';

const run = promisify(execFile);

/** Where and how a {@link PrivatePostgres} runs. */
export interface PrivatePostgresOptions {
  /** The directory its own cluster directory is created in (and removed from by `destroy`). @defaultValue the OS temp dir */
  parent?: string;
  /** The directory of `initdb` and `pg_ctl`. @defaultValue the PATH's, else the newest under /usr/lib/postgresql */
  binDir?: string;
}

/**
 * A PostgreSQL cluster of our own (initdb + pg_ctl from the installed server) on a free port in a fresh directory,
 * with trust auth for `postgres` on 127.0.0.1 only, so the chaos suite can stop and start it and the demo can run on a
 * machine without a Postgres, both without touching any other server. PostgreSQL refuses to run as root, so as root
 * it runs as the `postgres` user that the server packages create.
 *
 * @example
 * const postgres = await PrivatePostgres.start({ parent: '.fleet/services' });
 * process.env.DATABASE_URL = postgres.url; // `fleet db migrate` creates the database
 * await postgres.destroy();
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly bin: string,
  ) {}

  static async start(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
    const bin = options.binDir ?? (await postgresBinDir(searchPath()));
    if (!bin) throw new Error('PostgreSQL is not installed: no initdb on the PATH or under /usr/lib/postgresql');
    let parent = resolve(options.parent ?? tmpdir());
    await mkdir(parent, { recursive: true });
    const asRoot = userInfo().uid === 0;
    // As root the server runs as `postgres`, which cannot enter a private parent (a checkout under /root, a 0700
    // temp dir): the OS temp dir is open to every user.
    if (asRoot && !(await canEnterAsPostgres(parent))) parent = tmpdir();
    const pg = new PrivatePostgres(await freePort(), await mkdtemp(join(parent, 'postgres-')), bin);
    try {
      if (asRoot) {
        const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]).catch(
          () => {
            throw new Error('PostgreSQL refuses to run as root, and there is no postgres user to run it as');
          },
        );
        await chown(pg.dir, Number(uid.stdout.trim()), Number(gid.stdout.trim()));
      }
      await pg.as(`${bin}/initdb`, [
        '-D',
        `${pg.dir}/data`,
        '-A',
        'trust',
        '-U',
        'postgres',
        '--no-sync',
        '-E',
        'UTF8',
      ]);
      await pg.boot();
    } catch (error) {
      await rm(pg.dir, { recursive: true, force: true });
      throw error;
    }
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/fleet`;
  }

  /** Starts the server (again); resolves once it accepts connections. */
  async boot(): Promise<void> {
    // No Unix socket: only TCP is used, and a deep checkout would exceed the socket path's 107 characters.
    const options = `-p ${this.port} -c unix_socket_directories='' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    await this.as(`${this.bin}/pg_ctl`, [
      '-D',
      `${this.dir}/data`,
      '-o',
      options,
      '-l',
      `${this.dir}/log`,
      '-w',
      'start',
    ]).catch((error: Error) => {
      throw new Error(`PostgreSQL did not start on 127.0.0.1:${this.port}: ${error.message} (log: ${this.dir}/log)`);
    });
  }

  /** Stops the server; `immediate` is the closest to a crash that still lets it restart cleanly. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.as(`${this.bin}/pg_ctl`, ['-D', `${this.dir}/data`, '-m', mode, '-w', 'stop']).catch(() => undefined);
  }

  /** Stops the server at once and removes its cluster directory. */
  async destroy(): Promise<void> {
    await this.stop('immediate');
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Runs a server program, as `postgres` when we are root; a failure says which program and its last words. */
  private async as(command: string, args: string[]): Promise<void> {
    const asRoot = userInfo().uid === 0;
    try {
      if (asRoot) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
      else await run(command, args);
    } catch (error) {
      const { stderr, message } = error as Error & { stderr?: string };
      const said = (stderr?.trim() || message).split('\n').at(-1);
      throw new Error(`${basename(command)}${asRoot ? ' (as postgres)' : ''} failed: ${said}`);
    }
  }
}

async function canEnterAsPostgres(dir: string): Promise<boolean> {
  return run('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]).then(
    () => true,
    () => false,
  );
}
