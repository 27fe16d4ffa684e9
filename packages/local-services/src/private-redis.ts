import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port.js';
import { probeRedis } from './probe-redis.js';

/** Where and how a {@link PrivateRedis} runs. */
export interface PrivateRedisOptions {
  /** The directory its own data directory is created in (and removed from by `destroy`). @defaultValue the OS temp dir */
  parent?: string;
  /** The server program. @defaultValue 'redis-server' from the PATH */
  command?: string;
}

/**
 * A Redis server of our own, on a free port with its append-only file in a fresh directory, configured as production
 * should be (AOF every second, noeviction), so the chaos suite can kill and restart it and the demo can run on a
 * machine without a Redis, both without touching any other Redis.
 *
 * @example
 * const redis = await PrivateRedis.start({ parent: '.fleet/services' });
 * process.env.REDIS_URL = redis.url;
 * await redis.destroy();
 */
export class PrivateRedis {
  private child?: ChildProcess;

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly command: string,
  ) {}

  static async start(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
    // Absolute, as redis-server changes into its --dir before it opens the --logfile.
    const parent = resolve(options.parent ?? tmpdir());
    await mkdir(parent, { recursive: true });
    const redis = new PrivateRedis(
      await freePort(),
      await mkdtemp(join(parent, 'redis-')),
      options.command ?? 'redis-server',
    );
    try {
      await redis.boot();
    } catch (error) {
      await redis.destroy();
      throw error;
    }
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again), replaying the append-only file; resolves once it answers PING. */
  async boot(): Promise<void> {
    const child = spawn(
      this.command,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--logfile',
        join(this.dir, 'redis.log'),
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
      ],
      // Its own process group, so a Ctrl-C meant for the demo does not stop Redis under the workers still draining.
      { stdio: 'ignore', detached: true },
    );
    this.child = child;
    let failure: Error | undefined;
    child.once('error', (error) => {
      failure = error;
    });
    for (let i = 0; i < 100 && !failure && child.exitCode === null; i++) {
      if ((await probeRedis(this.url)).answers) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.stop('SIGKILL');
    const log = await readFile(join(this.dir, 'redis.log'), 'utf8').catch(() => '');
    const said = failure?.message ?? (log.trim().split('\n').at(-1) || `exit code ${child.exitCode}`);
    throw new Error(`${this.command} did not start on 127.0.0.1:${this.port}: ${said}`);
  }

  /** Stops the server: `SIGTERM` shuts down cleanly (AOF flushed), `SIGKILL` loses up to a second of writes. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** Stops the server at once and removes its data directory. */
  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    await rm(this.dir, { recursive: true, force: true });
  }
}
