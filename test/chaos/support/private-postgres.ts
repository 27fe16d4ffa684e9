import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

async function binDir(): Promise<string> {
  const versions = (await readdir('/usr/lib/postgresql')).sort();
  const latest = versions.at(-1);
  if (!latest) throw new Error('no PostgreSQL server installed under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${latest}/bin`;
}

/**
 * A PostgreSQL cluster of the chaos suite's own (initdb + pg_ctl from the installed server) on a free port in a temp
 * dir, so a test can stop and start it without touching the machine's shared server. PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` user.
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = await mkdtemp(join(tmpdir(), 'fleet-chaos-pg-'));
    const pg = new PrivatePostgres(await freePort(), dir, await binDir());
    if (userInfo().uid === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await pg.as(`${pg.bin}/initdb`, ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    await pg.boot();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/fleet`;
  }

  async boot(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    await this.as(`${this.bin}/pg_ctl`, [
      '-D',
      `${this.dir}/data`,
      '-o',
      options,
      '-l',
      `${this.dir}/log`,
      '-w',
      'start',
    ]);
  }

  /** Stops the server; `immediate` is the closest to a crash that still lets it restart cleanly. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.as(`${this.bin}/pg_ctl`, ['-D', `${this.dir}/data`, '-m', mode, '-w', 'stop']).catch(() => undefined);
  }

  async destroy(): Promise<void> {
    await this.stop('immediate');
    await rm(this.dir, { recursive: true, force: true });
  }

  private async as(command: string, args: string[]): Promise<void> {
    if (userInfo().uid === 0) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
    else await run(command, args);
  }
}
