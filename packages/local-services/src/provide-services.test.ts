import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { freePort } from './free-port.js';
import { MissingServicesError } from './missing-services-error.js';
import { probePostgres } from './probe-postgres.js';
import { probeRedis } from './probe-redis.js';
import { findServiceTools, provideServices, type ServiceTools } from './provide-services.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const noDocker = async () => {
  throw new Error('Docker must not be asked while every service is answered for');
};

let dir = '';
let closed: { redisUrl: string; databaseUrl: string };
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleet-services-test-'));
  // Nothing listens on a port that was just free: the configured servers of a laptop with neither running.
  closed = {
    redisUrl: `redis://127.0.0.1:${await freePort()}`,
    databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/fleet`,
  };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('provideServices', () => {
  it('starts private Redis and Postgres that answer when the configured ones do not, and stops them', async () => {
    const tools: ServiceTools = { ...(await findServiceTools()), docker: noDocker };
    expect(tools.redisServer, 'this test needs redis-server installed').toBeDefined();
    expect(tools.postgresBinDir, 'this test needs initdb and pg_ctl installed').toBeDefined();
    // Open like `.fleet/services`, so even as root (Postgres then runs as `postgres`) both servers live in it.
    await chmod(dir, 0o755);
    const lines: string[] = [];
    const services = await provideServices({ ...closed, dir, projectDir: repoRoot, tools, log: (l) => lines.push(l) });
    try {
      expect(services.redisUrl).not.toBe(closed.redisUrl);
      expect(services.databaseUrl).not.toBe(closed.databaseUrl);
      expect(await probeRedis(services.redisUrl), 'the private Redis answers').toEqual({ answers: true });
      expect(await probePostgres(services.databaseUrl), 'the private Postgres answers').toEqual({ answers: true });
      const redis = new Redis(services.redisUrl);
      const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
      await redis.quit();
      expect(policy, 'the apps refuse a Redis that may evict jobs').toBe('noeviction');
      expect(await readdir(dir), 'private data lives under the given directory').toHaveLength(2);
      expect(lines.join('\n')).toMatch(/Redis: none at .*ECONNREFUSED.*started a private one/);
    } finally {
      await services.stop();
    }
    expect((await probeRedis(services.redisUrl)).answers, 'the private Redis is stopped').toBe(false);
    expect((await probePostgres(services.databaseUrl)).answers, 'the private Postgres is stopped').toBe(false);
    expect(await readdir(dir), 'private data is removed').toEqual([]);
  });

  it('uses the configured servers when they answer and starts nothing', async () => {
    const configured = { redisUrl: inject('redisUrl'), databaseUrl: inject('databaseUrl') };
    const services = await provideServices({
      ...configured,
      dir,
      projectDir: repoRoot,
      tools: { redisServer: undefined, postgresBinDir: undefined, docker: noDocker },
    });
    expect({ redisUrl: services.redisUrl, databaseUrl: services.databaseUrl }).toEqual(configured);
    await services.stop();
    expect((await probeRedis(configured.redisUrl)).answers, 'a configured server is never stopped').toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it('says in one line what to install when nothing answers and nothing here can start a server', async () => {
    const tools: ServiceTools = { redisServer: undefined, postgresBinDir: undefined, docker: async () => false };
    const failure = await provideServices({ ...closed, dir, projectDir: repoRoot, tools }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MissingServicesError);
    const { message, code } = failure as MissingServicesError;
    expect(code).toBe('MISSING_SERVICES');
    expect(message).not.toContain('\n');
    expect(message).toContain(`no Redis answers at ${closed.redisUrl}`);
    expect(message).toContain(`no Postgres answers at ${closed.databaseUrl}`);
    expect(message).toMatch(/install redis-server .* and PostgreSQL's initdb and pg_ctl .*, or Docker/);
  });

  it('stops the private Redis it started when Postgres cannot be had', async () => {
    const { redisServer } = await findServiceTools();
    const tools: ServiceTools = { redisServer, postgresBinDir: undefined, docker: async () => false };
    await expect(provideServices({ ...closed, dir, projectDir: repoRoot, tools })).rejects.toThrow(/no Postgres/);
    expect(await readdir(dir), 'nothing is left running or on disk').toEqual([]);
  });
});

describe('the services wrapper (main.js), as the demo runs it', () => {
  it('runs the command on private servers, stops them afterwards and exits as the command did', async () => {
    // The command checks both servers while it runs, prints their URLs and exits 3.
    const check = `import { probePostgres, probeRedis } from '@fleet/local-services';
      const r = await probeRedis(process.env.REDIS_URL), p = await probePostgres(process.env.DATABASE_URL);
      console.log(JSON.stringify({ redisUrl: process.env.REDIS_URL, databaseUrl: process.env.DATABASE_URL, r, p }));
      process.exit(3);`;
    const child = spawn(
      process.execPath,
      [
        `${repoRoot}packages/local-services/dist/main.js`,
        '--dir',
        // Relative, as the demo passes it.
        relative(repoRoot, dir),
        '--',
        process.execPath,
        '--input-type=module',
        '-e',
        check,
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, REDIS_URL: closed.redisUrl, DATABASE_URL: closed.databaseUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(3);
    const seen = JSON.parse(stdout.trim()) as { redisUrl: string; databaseUrl: string; r: unknown; p: unknown };
    expect(seen.redisUrl).not.toBe(closed.redisUrl);
    expect(seen.databaseUrl).not.toBe(closed.databaseUrl);
    expect({ r: seen.r, p: seen.p }, 'the command ran with both servers answering').toEqual({
      r: { answers: true },
      p: { answers: true },
    });
    expect(stderr).toMatch(/^Postgres: none at .* started a private one/m);
    expect((await probeRedis(seen.redisUrl)).answers, 'stopped after the command').toBe(false);
    expect((await probePostgres(seen.databaseUrl)).answers, 'stopped after the command').toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });
});
