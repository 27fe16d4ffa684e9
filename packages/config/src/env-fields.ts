import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const urlWithScheme = (schemes: readonly string[]) =>
  z.string().refine(
    (v) => {
      try {
        return schemes.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}` },
  );

/** A comma-separated list; blanks around items and empty items are dropped, and unset means empty. */
const commaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Redis connection and key prefix shared by every process. */
export const RedisEnv = z.object({
  /** @defaultValue 'redis://127.0.0.1:6379' */
  REDIS_URL: urlWithScheme(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  /**
   * Prefix of every BullMQ and stream key, so deployments and test runs never collide. On Redis Cluster, wrap it in a
   * hash tag (`{fleet}`): every key starts with the prefix, so the queue's Lua scripts and the results stream stay
   * in one slot.
   * @defaultValue 'fleet'
   */
  FLEET_QUEUE_PREFIX: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_.-]*(?:\{[A-Za-z0-9_.-]+\}[A-Za-z0-9_.-]*)?$/, {
      message: 'must be letters, digits, _ . - with at most one {hash tag}',
    })
    .min(1)
    .default('fleet'),
  /**
   * CA bundle (PEM file) that Redis's certificate must chain to, for a private CA; TLS itself is turned on by a
   * `rediss://` REDIS_URL. @defaultValue unset: the system's CAs
   */
  REDIS_TLS_CA_FILE: z.string().min(1).optional(),
  /**
   * Seed nodes (`host:port`, comma-separated) of a Redis Cluster. When set, every process uses ioredis' cluster client
   * and REDIS_URL only lends its user, password and scheme; FLEET_QUEUE_PREFIX must then carry a `{hash tag}`.
   * @defaultValue unset: one Redis server at REDIS_URL
   */
  REDIS_CLUSTER_NODES: commaList.pipe(
    z.array(z.string().regex(/^[A-Za-z0-9_.-]+:\d{1,5}$/, { message: 'each node must be host:port' })),
  ),
});

/** Postgres connection and pool limits. */
export const DatabaseEnv = z.object({
  /** @defaultValue 'postgres://postgres@127.0.0.1:5432/fleet' */
  DATABASE_URL: urlWithScheme(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/fleet'),
  /** @defaultValue 10 */
  DATABASE_POOL_MAX: positiveInt(10),
  /**
   * TLS to Postgres, with libpq's meanings: `require` encrypts without checking the certificate, `verify-ca` checks
   * it chains to a trusted CA, `verify-full` also checks the host name. @defaultValue unset: as DATABASE_URL says
   */
  DATABASE_SSL_MODE: z.enum(['disable', 'require', 'verify-ca', 'verify-full']).optional(),
  /** CA bundle (PEM file) for `verify-ca` / `verify-full` with a private CA. @defaultValue unset: the system's CAs */
  DATABASE_SSL_CA_FILE: z.string().min(1).optional(),
});

/** Logging. */
export const LogEnv = z.object({
  /** @defaultValue 'info' */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Worker tuning. */
export const WorkerEnv = z.object({
  /** Parallel jobs per worker process, each in its own worker thread. @defaultValue the machine's core count */
  WORKER_CONCURRENCY: positiveInt(availableParallelism()),
  /** Bytes of bars a worker keeps cached, in MiB. @defaultValue 256 */
  BAR_CACHE_MB: positiveInt(256),
  /**
   * How long a worker holds a job's lock between renewals, in ms. Jobs take ~100 ms and the engine never blocks the
   * renewing thread, so only a stuck or stopped process loses a lock; a shorter lock recovers its jobs sooner.
   * @defaultValue 60000
   */
  WORKER_LOCK_MS: positiveInt(60_000),
  /** How often workers look for jobs whose lock expired (stalled), in ms. @defaultValue 30000 */
  WORKER_STALLED_INTERVAL_MS: positiveInt(30_000),
  /** Grace period for active jobs on SIGTERM before the worker exits anyway, in ms. @defaultValue 30000 */
  WORKER_SHUTDOWN_GRACE_MS: positiveInt(30_000),
  /**
   * The code version every run records, for deployments without a git checkout (set it to the image's commit).
   * @defaultValue the checkout's git commit, else the worker's package version
   */
  FLEET_CODE_VERSION: z.string().min(1).optional(),
});

/** Aggregator batching. */
export const AggregatorEnv = z.object({
  /** Most results written in one INSERT. @defaultValue 500 */
  AGGREGATOR_BATCH_SIZE: positiveInt(500),
  /** Longest wait for a batch to fill before it is written, in ms. @defaultValue 250 */
  AGGREGATOR_FLUSH_MS: positiveInt(250),
  /** How often the aggregator looks for unfinished sweeps that went quiet, in ms. @defaultValue 60000 */
  RECONCILE_INTERVAL_MS: positiveInt(60_000),
  /** A sweep with no progress for this long is reconciled (lost jobs re-enqueued), in ms. @defaultValue 120000 */
  RECONCILE_QUIET_MS: positiveInt(120_000),
});

/** Dashboard HTTP server. */
export const DashboardEnv = z.object({
  /** @defaultValue 3000 */
  PORT: positiveInt(3000),
  DASHBOARD_USER: z.string().min(1).optional(),
  DASHBOARD_PASSWORD: z.string().min(1).optional(),
});

/** Strategy plugins loaded by every process that validates or runs strategies (the CLI and workers). */
export const StrategyEnv = z.object({
  /** Comma-separated module paths or package names, each registering strategies when imported. @defaultValue none */
  FLEET_STRATEGY_MODULES: commaList,
  /**
   * Folder where strategy bundles are cached on local disk and imported from (each verified against its hash).
   * @defaultValue fleet-strategy-bundles under the OS temp folder
   */
  FLEET_BUNDLE_DIR: z.string().min(1).default(join(tmpdir(), 'fleet-strategy-bundles')),
});

/** How long one run may take before it is stopped and recorded as failed with reason `timeout`. */
export const RunTimeoutEnv = z.object({
  /** Used when a job does not carry its own (sweeps calibrated at submit do). @defaultValue 30000 */
  RUN_TIMEOUT_MS: positiveInt(30_000),
});

/**
 * OpenTelemetry. Spans are always created (so logs carry trace ids and jobs carry trace context) but exported only
 * when an OTLP endpoint is set; the exporter reads the other standard `OTEL_EXPORTER_OTLP_*` variables itself.
 */
export const TelemetryEnv = z.object({
  /** e.g. 'http://otel-collector:4318'; empty counts as unset (compose's `${VAR:-}`). @defaultValue unset: nothing is exported */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    urlWithScheme(['http:', 'https:']).optional(),
  ),
});

/**
 * The port of a process's `/metrics`, `/healthz` and `/readyz` server; `0` turns the server off. Processes sharing a
 * host each need their own port (a second worker on one machine: `METRICS_PORT=9466`).
 *
 * @example
 * const WorkerConfig = z.object({ ...metricsEnv(9464).shape });
 */
export const metricsEnv = (defaultPort: number) =>
  z.object({
    /** @defaultValue `defaultPort` (9464 worker, 9465 aggregator) */
    METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(defaultPort),
  });

/**
 * Sweeps sharded over several Redis instances (one set of workers and aggregators per instance, one Postgres): the
 * CLI puts each sweep on the shard its id hashes to, and an aggregator reconciles only the sweeps of its own shard
 * (the one whose URL equals its REDIS_URL).
 */
export const RedisShardsEnv = z.object({
  /** Comma-separated Redis URLs, in a fixed order (append new shards at the end). @defaultValue unset: REDIS_URL is the only shard */
  FLEET_REDIS_SHARDS: commaList.pipe(z.array(urlWithScheme(['redis:', 'rediss:']))),
});
