import { ShardConfigError } from './shard-config-error.js';
import { shardIndex } from './shard-index.js';

/** One spelling per Redis database: `redis://h:6379`, `redis://h:6379/` and `redis://:pw@h:6379/0` are the same shard. */
const normalized = (url: string) => {
  const u = new URL(url);
  return `${u.protocol}//${u.username}@${u.host.toLowerCase()}/${u.pathname.replace(/^\/+|\/+$/g, '') || '0'}`;
};

/**
 * The Redis instances a deployment shards its sweeps over (`FLEET_REDIS_SHARDS`), or its one `REDIS_URL` when it is
 * not sharded. A sweep lives wholly on one shard, found from its id by {@link shardIndex}, so producers, CLI commands
 * and each shard's aggregator agree on it without any shared table.
 *
 * @example
 * const shards = new RedisShards(env.REDIS_URL, env.FLEET_REDIS_SHARDS);
 * const redis = createRedisConnection(shards.urlFor(sweepId), 'command');
 */
export class RedisShards {
  readonly urls: readonly string[];

  constructor(redisUrl: string, shardUrls: readonly string[]) {
    this.urls = shardUrls.length > 0 ? [...shardUrls] : [redisUrl];
  }

  /** The URL of the shard that holds a sweep's jobs and results. */
  urlFor(sweepId: string): string {
    return this.urls[shardIndex(sweepId, this.urls.length)] as string;
  }

  /**
   * Whether a sweep belongs to the shard at `url`, for processes that act on their own shard's sweeps only (the
   * aggregator's reconciler). Throws {@link ShardConfigError} when `url` is not a shard.
   */
  owner(url: string): (sweepId: string) => boolean {
    const own = this.urls.map(normalized).indexOf(normalized(url));
    if (own < 0) throw new ShardConfigError(`REDIS_URL is not one of the ${this.urls.length} FLEET_REDIS_SHARDS`);
    return (sweepId) => shardIndex(sweepId, this.urls.length) === own;
  }
}
