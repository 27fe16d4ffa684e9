import { type ComposeService, ComposeServices } from './compose-services.js';
import { searchPath } from './env.js';
import { findExecutable } from './find-executable.js';
import { type MissingService, MissingServicesError } from './missing-services-error.js';
import { postgresBinDir } from './postgres-bin-dir.js';
import { PrivatePostgres } from './private-postgres.js';
import { PrivateRedis } from './private-redis.js';
import { probePostgres } from './probe-postgres.js';
import { probeRedis } from './probe-redis.js';
import type { ServiceProbe } from './service-probe.js';

/** What this machine can run Redis and Postgres with, when the configured ones do not answer. */
export interface ServiceTools {
  /** The `redis-server` program, when installed. */
  redisServer: string | undefined;
  /** The directory of PostgreSQL's `initdb` and `pg_ctl`, when installed. */
  postgresBinDir: string | undefined;
  /** Whether Docker with Compose answers; asked only when a service is still missing, as it can take seconds. */
  docker: () => Promise<boolean>;
}

/** Looks for `redis-server` on the PATH, PostgreSQL's programs (see {@link postgresBinDir}) and Docker. */
export async function findServiceTools(): Promise<ServiceTools> {
  const path = searchPath();
  return {
    redisServer: await findExecutable('redis-server', path),
    postgresBinDir: await postgresBinDir(path),
    docker: () => ComposeServices.available(),
  };
}

/** Where the services come from and where private ones go. */
export interface ProvideServicesOptions {
  /** The configured Redis, used when it answers. */
  redisUrl: string;
  /** The configured Postgres, used when it answers. */
  databaseUrl: string;
  /** Private servers' data directories are created (and removed) in it, e.g. `.fleet/services`. */
  dir: string;
  /** The directory of docker-compose.yml. */
  projectDir: string;
  /** @defaultValue what {@link findServiceTools} finds */
  tools?: ServiceTools;
  /** Told, one line each, where every service comes from. @defaultValue silent */
  log?: (line: string) => void;
}

/** Redis and Postgres that answer, and how to stop the ones started for them. */
export interface ProvidedServices {
  redisUrl: string;
  databaseUrl: string;
  /** Stops and removes what was started; the configured servers are left alone. */
  stop: () => Promise<void>;
}

/**
 * Gives the demo a Redis and a Postgres that answer: the configured ones when they do, else private servers in `dir`
 * when their programs are installed, else the services of docker-compose.yml when Docker answers, else a
 * {@link MissingServicesError} that says in one line what to install.
 *
 * @example
 * const services = await provideServices({
 *   redisUrl: 'redis://127.0.0.1:6379',
 *   databaseUrl: 'postgres://postgres@127.0.0.1:5432/fleet',
 *   dir: '.fleet/services',
 *   projectDir: '.',
 *   log: console.error,
 * });
 * try {
 *   console.log(services.redisUrl, services.databaseUrl);
 * } finally {
 *   await services.stop();
 * }
 */
export async function provideServices(options: ProvideServicesOptions): Promise<ProvidedServices> {
  const log = options.log ?? (() => undefined);
  const [redis, postgres] = await Promise.all([probeRedis(options.redisUrl), probePostgres(options.databaseUrl)]);
  const tools = options.tools ?? (await findServiceTools());
  const started: { stop: () => Promise<void> }[] = [];
  const stop = async () => {
    for (const service of started.splice(0).reverse()) await service.stop();
  };
  let { redisUrl, databaseUrl } = options;
  try {
    const missing: ComposeService[] = [];
    if (redis.answers) {
      log(`Redis: ${redacted(redisUrl)}`);
    } else if (tools.redisServer) {
      const server = await PrivateRedis.start({ parent: options.dir, command: tools.redisServer });
      started.push({ stop: () => server.destroy() });
      redisUrl = server.url;
      log(
        `Redis: none at ${redacted(options.redisUrl)} (${redis.reason}); started a private one at ${server.url} in ${server.dir}`,
      );
    } else {
      missing.push('redis');
    }
    if (postgres.answers) {
      log(`Postgres: ${redacted(databaseUrl)}`);
    } else if (tools.postgresBinDir) {
      const server = await PrivatePostgres.start({ parent: options.dir, binDir: tools.postgresBinDir });
      started.push({ stop: () => server.destroy() });
      databaseUrl = server.url;
      log(
        `Postgres: none at ${redacted(options.databaseUrl)} (${postgres.reason}); started a private one at ${server.url} in ${server.dir}`,
      );
    } else {
      missing.push('postgres');
    }
    if (missing.length > 0) {
      if (!(await tools.docker()))
        throw new MissingServicesError(
          missing.map((s) =>
            s === 'redis'
              ? missingService(s, options.redisUrl, redis)
              : missingService(s, options.databaseUrl, postgres),
          ),
        );
      const compose = await ComposeServices.start({
        projectDir: options.projectDir,
        stateDir: options.dir,
        services: missing,
      });
      started.push(compose);
      if (missing.includes('redis')) redisUrl = compose.redisUrl;
      if (missing.includes('postgres')) databaseUrl = compose.databaseUrl;
      log(`${missing.join(' and ')}: started from docker-compose.yml on 127.0.0.1`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { redisUrl, databaseUrl, stop };
}

function missingService(service: ComposeService, url: string, probe: ServiceProbe): MissingService {
  const reason = probe.answers ? '' : probe.reason;
  return service === 'redis'
    ? {
        service: 'Redis',
        variable: 'REDIS_URL',
        url: redacted(url),
        reason,
        install: 'redis-server (apt-get install redis-server, brew install redis)',
      }
    : {
        service: 'Postgres',
        variable: 'DATABASE_URL',
        url: redacted(url),
        reason,
        install: "PostgreSQL's initdb and pg_ctl (apt-get install postgresql, brew install postgresql)",
      };
}

/** The URL without its password, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
