import { postgresSslOptions, redisTarget, redisTlsOptions } from '@fleet/config';
import { createDatabase, type Database, type Kysely } from '@fleet/db';
import { createRedisConnection, createRunQueue, type Redis, RedisShards, type RunQueue } from '@fleet/queue';
import { startTelemetry } from '@fleet/telemetry';
import { type CliConfig, readEnv } from './env.js';

/**
 * The connections of one CLI invocation, opened only when a command first needs them and all closed by
 * `close()`, so a command that touches neither Redis nor Postgres starts instantly and every command exits cleanly.
 * Tracing starts with the context, so `sweep submit` begins the trace its jobs carry, and `close()` flushes it.
 */
export class CliContext {
  readonly env: CliConfig = readEnv();
  private readonly telemetry = startTelemetry('producer', { otlpEndpoint: this.env.OTEL_EXPORTER_OTLP_ENDPOINT });
  private database?: Kysely<Database>;
  private readonly clusterNodes = redisTarget(this.env).clusterNodes;
  private readonly shards = new RedisShards(this.env.REDIS_URL, this.env.FLEET_REDIS_SHARDS);
  private readonly connections = new Map<string, Redis>();
  private readonly queues = new Map<string, RunQueue>();

  get db(): Kysely<Database> {
    this.database ??= createDatabase({
      url: this.env.DATABASE_URL,
      poolMax: 4,
      applicationName: 'fleet-cli',
      ssl: postgresSslOptions(this.env),
    });
    return this.database;
  }

  /** A plain connection to the shard of a sweep, for reads that must not create queue keys. */
  redisFor(sweepId: string): Redis {
    return this.redisAt(this.shards.urlFor(sweepId));
  }

  /** The runs queue of the shard that holds a sweep (REDIS_URL when Redis is not sharded). */
  queueFor(sweepId: string): RunQueue {
    const url = this.shards.urlFor(sweepId);
    let queue = this.queues.get(url);
    if (!queue) {
      queue = createRunQueue(this.redisAt(url), this.env.FLEET_QUEUE_PREFIX);
      this.queues.set(url, queue);
    }
    return queue;
  }

  private redisAt(url: string): Redis {
    let redis = this.connections.get(url);
    if (!redis) {
      redis = createRedisConnection(
        { url, clusterNodes: this.clusterNodes },
        'command',
        undefined,
        redisTlsOptions({ ...this.env, REDIS_URL: url }),
      );
      this.connections.set(url, redis);
    }
    return redis;
  }

  async close(): Promise<void> {
    for (const queue of this.queues.values()) {
      // A queue still connecting when closed would report that as an unheard error: let it settle first.
      await queue.waitUntilReady().catch(() => undefined);
      await queue.close();
    }
    for (const redis of this.connections.values()) await redis.quit().catch(() => undefined);
    await this.database?.destroy();
    await this.telemetry.shutdown();
  }
}
