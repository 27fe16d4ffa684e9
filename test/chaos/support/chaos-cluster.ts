import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type Database, type Kysely } from '@fleet/db';
import { PrivatePostgres, PrivateRedis } from '@fleet/local-services';
import {
  type FleetProcess,
  type FleetTestEnv,
  lastJsonLine,
  repoRoot,
  runCli,
  startApp,
} from '../../support/fleet-processes.js';

const poison = fileURLToPath(new URL('../poison-strategies.mjs', import.meta.url));

/** An app process that a supervisor restarts whenever it dies, as a process manager or Kubernetes would. */
export class Supervised {
  private current: FleetProcess;
  private stopping = false;
  restarts = 0;

  constructor(
    readonly app: 'worker' | 'aggregator',
    private readonly env: FleetTestEnv,
  ) {
    this.current = this.launch();
  }

  get pid(): number {
    return this.current.child.pid ?? -1;
  }

  /** Peak resident memory of the current process (VmHWM), in MB. */
  async peakRssMb(): Promise<number> {
    const status = await readFile(`/proc/${this.pid}/status`, 'utf8').catch(() => '');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }

  signal(signal: NodeJS.Signals): void {
    this.current.child.kill(signal);
  }

  /** Stops the process for good (SIGTERM) and resolves with its exit code. */
  async stop(): Promise<number | null> {
    this.stopping = true;
    return this.current.stop();
  }

  output(): string {
    return this.current.output();
  }

  private launch(): FleetProcess {
    const proc = startApp(this.app, this.env);
    proc.child.once('exit', () => {
      if (this.stopping) return;
      this.restarts++;
      setTimeout(() => {
        if (!this.stopping) this.current = this.launch();
      }, 200);
    });
    return proc;
  }
}

/** What the invariant check found for a sweep. */
export interface SweepTally {
  planned: number;
  rows: number;
  duplicates: number;
  failed: number;
  status: string;
}

/**
 * A whole Fleet on private Redis and Postgres servers: migrated, with ORCL bars imported, an aggregator and workers
 * under supervision. Chaos scenarios break its parts and then check that every planned run is one row.
 */
export class ChaosCluster {
  readonly workers: Supervised[] = [];
  aggregator!: Supervised;
  readonly db: Kysely<Database>;

  private constructor(
    readonly redis: PrivateRedis,
    readonly postgres: PrivatePostgres,
    readonly env: FleetTestEnv,
  ) {
    this.db = createDatabase({ url: env.DATABASE_URL, onPoolError: () => undefined });
  }

  static async start(options: { workers?: number; env?: Record<string, string> } = {}): Promise<ChaosCluster> {
    const [redis, postgres] = await Promise.all([PrivateRedis.start(), PrivatePostgres.start()]);
    const env: FleetTestEnv = {
      REDIS_URL: redis.url,
      DATABASE_URL: postgres.url,
      FLEET_QUEUE_PREFIX: 'chaos',
      FLEET_STRATEGY_MODULES: poison,
      WORKER_CONCURRENCY: '1',
      WORKER_LOCK_MS: '4000',
      WORKER_STALLED_INTERVAL_MS: '2000',
      WORKER_SHUTDOWN_GRACE_MS: '10000',
      AGGREGATOR_FLUSH_MS: '100',
      LOG_LEVEL: 'warn',
      ...options.env,
    };
    const cluster = new ChaosCluster(redis, postgres, env);
    await cluster.cliOk(['db', 'migrate']);
    await cluster.cliOk(['data', 'import', `${repoRoot}data/samples/orcl-1995-2014.csv`]);
    cluster.aggregator = new Supervised('aggregator', env);
    for (let i = 0; i < (options.workers ?? 2); i++) cluster.workers.push(new Supervised('worker', env));
    return cluster;
  }

  async cliOk(args: string[]): Promise<string> {
    const r = await runCli(args, this.env);
    if (r.code !== 0) throw new Error(`fleet ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  }

  /**
   * Submits a sweep of `chaos_spin` runs (plus any other strategies) and returns its id and size; `spec` overrides
   * or adds keys of the sweep file (range, `validation`).
   */
  async submit(
    strategies: unknown[],
    flags: string[] = [],
    spec: Record<string, unknown> = {},
  ): Promise<{ sweepId: string; total: number }> {
    const file = join(tmpdir(), `chaos-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(
      file,
      JSON.stringify({ name: 'chaos', symbols: ['ORCL'], start: '2010-01-01', end: '2014-12-31', strategies, ...spec }),
    );
    return lastJsonLine(await this.cliOk(['sweep', 'submit', file, '--json', ...flags]));
  }

  /** Polls until the sweep finishes or `timeoutMs` passes; returns its status. */
  async waitForSweep(sweepId: string, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await this.db
        .selectFrom('sweeps')
        .select('status')
        .where('id', '=', sweepId)
        .executeTakeFirst()
        .catch(() => undefined);
      if (row && !['queued', 'running'].includes(row.status)) return row.status;
      if (Date.now() > deadline) return row?.status ?? 'unknown';
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Counts rows, distinct run keys and failures straight from `runs`: the invariant is rows = distinct = planned. */
  async tally(sweepId: string): Promise<SweepTally> {
    const sweep = await this.db
      .selectFrom('sweeps')
      .select(['total', 'status'])
      .where('id', '=', sweepId)
      .executeTakeFirstOrThrow();
    const counts = await this.db
      .selectFrom('runs')
      .select((eb) => [
        eb.fn.countAll<number>().as('rows'),
        eb.fn.count<number>('run_index').distinct().as('distinct'),
        eb.fn.sum<number>(eb.case().when('status', '=', 'failed').then(1).else(0).end()).as('failed'),
      ])
      .where('sweep_id', '=', sweepId)
      .executeTakeFirstOrThrow();
    return {
      planned: sweep.total,
      rows: Number(counts.rows),
      duplicates: Number(counts.rows) - Number(counts.distinct),
      failed: Number(counts.failed ?? 0),
      status: sweep.status,
    };
  }

  async peakRssMb(): Promise<{ worker: number; aggregator: number }> {
    const workers = await Promise.all(this.workers.map((w) => w.peakRssMb()));
    return { worker: Math.max(0, ...workers), aggregator: await this.aggregator.peakRssMb() };
  }

  async destroy(): Promise<void> {
    await Promise.all([...this.workers, this.aggregator].map((p) => p?.stop()));
    await this.db.destroy();
    await Promise.all([this.redis.destroy(), this.postgres.destroy()]);
  }
}
