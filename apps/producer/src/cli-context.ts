import { createDatabase, type Database, type Kysely } from '@fleet/db';
import { createRedisConnection, createRunQueue, type Redis, type RunQueue } from '@fleet/queue';
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
  private redisConnection?: Redis;
  private runQueue?: RunQueue;

  get db(): Kysely<Database> {
    this.database ??= createDatabase({ url: this.env.DATABASE_URL, poolMax: 4, applicationName: 'fleet-cli' });
    return this.database;
  }

  /** A plain Redis connection, for reads that must not create queue keys. */
  get redis(): Redis {
    this.redisConnection ??= createRedisConnection(this.env.REDIS_URL, 'command');
    return this.redisConnection;
  }

  get queue(): RunQueue {
    this.runQueue ??= createRunQueue(this.redis, this.env.FLEET_QUEUE_PREFIX);
    return this.runQueue;
  }

  async close(): Promise<void> {
    await this.runQueue?.close();
    await this.redisConnection?.quit().catch(() => undefined);
    await this.database?.destroy();
    await this.telemetry.shutdown();
  }
}
