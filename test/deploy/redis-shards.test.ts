import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, findSweep } from '@fleet/db';
import { freePort } from '@fleet/local-services';
import { RedisShards } from '@fleet/queue';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { type FleetProcess, lastJsonLine, repoRoot, runCli, startApp } from '../support/fleet-processes.js';

const adminPassword = 'shard-admin-pw';
const appPassword = 'shard-app-pw';
const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: { redis: { command: string[] } };
};
/** The compose file's redis-server arguments with its two secrets filled in. */
const redisArgs = compose.services.redis.command
  .slice(1)
  .map((a) =>
    a.replace(/\$\{REDIS_PASSWORD:\?[^}]*\}/, adminPassword).replace(/\$\{REDIS_FLEET_PASSWORD:\?[^}]*\}/, appPassword),
  );

/** A Redis configured exactly as the compose file's (ACL user, noeviction, AOF), on a free port of this test. */
class ComposeRedis {
  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(): Promise<ComposeRedis> {
    const port = await freePort();
    const dir = await mkdtemp(join(tmpdir(), 'fleet-shard-'));
    const child = spawn('redis-server', [...redisArgs, '--port', String(port), '--bind', '127.0.0.1', '--dir', dir], {
      stdio: 'ignore',
    });
    const server = new ComposeRedis(port, dir, child);
    const admin = server.admin();
    for (let i = 0; i < 100 && (await admin.ping().catch(() => 'down')) !== 'PONG'; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.quit();
    return server;
  }

  /** The URL the apps use: the ACL user `fleet`. */
  get url(): string {
    return `redis://fleet:${appPassword}@127.0.0.1:${this.port}`;
  }

  admin(): Redis {
    const redis = new Redis({ port: this.port, password: adminPassword, lazyConnect: false });
    redis.on('error', () => undefined);
    return redis;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
    await rm(this.dir, { recursive: true, force: true });
  }
}

const shards: ComposeRedis[] = [];
const processes: FleetProcess[] = [];
const db = createDatabase({ url: inject('databaseUrl') });
let sweepFile = '';
let shardList = '';
const baseEnv = () => ({
  DATABASE_URL: inject('databaseUrl'),
  FLEET_QUEUE_PREFIX: 'fleet',
  FLEET_REDIS_SHARDS: shardList,
  WORKER_CONCURRENCY: '1',
  RECONCILE_INTERVAL_MS: '1000',
});

beforeAll(async () => {
  shards.push(await ComposeRedis.start(), await ComposeRedis.start());
  shardList = shards.map((s) => s.url).join(',');
  const imported = await runCli(['data', 'import', `${repoRoot}data/samples/orcl-1995-2014.csv`, '--json'], {
    ...baseEnv(),
    REDIS_URL: shards[0]?.url ?? '',
  });
  expect(imported.code, imported.stderr).toBe(0);
  for (const shard of shards) {
    const env = { ...baseEnv(), REDIS_URL: shard.url };
    processes.push(startApp('aggregator', env), startApp('worker', env));
  }
  sweepFile = join(await mkdtemp(join(tmpdir(), 'fleet-shard-sweep-')), 'sweep.json');
  await writeFile(
    sweepFile,
    JSON.stringify({
      name: 'sharded',
      symbols: ['ORCL'],
      start: '2005-01-01',
      end: '2010-12-31',
      cash: 100000,
      strategies: [{ name: 'sma_cross', params: { fast: { from: 5, to: 14, step: 1 }, slow: [50, 100] } }],
    }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await Promise.all(shards.map((s) => s.stop()));
  await db.destroy();
});

describe('sweeps sharded over two Redis instances configured as in docker-compose.yml', () => {
  it('puts each sweep wholly on the shard its id hashes to, and both shards finish their sweeps', async () => {
    const routing = new RedisShards(shards[0]?.url ?? '', shardList.split(','));
    const submitted: { sweepId: string; shard: number }[] = [];
    // Sweep ids are random, so submit until both shards hold one (1 in 2^n that n submits all land on one shard).
    while (new Set(submitted.map((s) => s.shard)).size < 2 && submitted.length < 12) {
      const r = await runCli(['sweep', 'submit', sweepFile, '--json', '--runs-per-job', '5'], {
        ...baseEnv(),
        REDIS_URL: shards[0]?.url ?? '',
      });
      expect(r.code, `${r.stderr}\n${processes.map((p) => p.output()).join('\n')}`).toBe(0);
      const { sweepId } = lastJsonLine<{ sweepId: string }>(r.stdout);
      submitted.push({ sweepId, shard: shards.findIndex((s) => s.url === routing.urlFor(sweepId)) });
    }
    expect(new Set(submitted.map((s) => s.shard)).size, 'both shards received sweeps').toBe(2);

    for (const { sweepId, shard } of submitted) {
      await expect
        .poll(async () => (await findSweep(db, sweepId))?.status, { timeout: 30_000, interval: 250 })
        .toBe('completed');
      const row = await findSweep(db, sweepId);
      expect(row?.succeeded, 'one row per planned run').toBe(20);
      const [own, other] = [shards[shard], shards[1 - shard]] as [ComposeRedis, ComposeRedis];
      const ownAdmin = own.admin();
      const otherAdmin = other.admin();
      expect(await ownAdmin.exists(`fleet:runs:${sweepId}.0`), 'its jobs are on its shard').toBe(1);
      expect(await otherAdmin.exists(`fleet:runs:${sweepId}.0`), 'and not on the other').toBe(0);
      await Promise.all([ownAdmin.quit(), otherAdmin.quit()]);
    }
  });

  it('runs the whole flow as the ACL user `fleet` without one refused command, and refuses anything else', async () => {
    for (const shard of shards) {
      const admin = shard.admin();
      const refusals = (await admin.call('ACL', 'LOG')) as unknown[];
      expect(refusals, `ACL LOG of shard ${shard.port}`).toEqual([]);
      await admin.quit();
      const app = new Redis(shard.url);
      app.on('error', () => undefined);
      await expect(app.set('other:key', '1'), 'keys outside the prefix').rejects.toThrow(/NOPERM/);
      await expect(app.flushall(), 'dangerous commands').rejects.toThrow(/NOPERM/);
      await expect(app.config('GET', 'maxmemory-policy'), 'configuration').rejects.toThrow(/NOPERM/);
      await app.quit();
    }
  });
});
