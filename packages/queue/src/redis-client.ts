import type { Cluster, Redis } from 'ioredis';

/**
 * A connection to one Redis server or to a Redis Cluster. Both speak the same commands for the keys the fleet uses,
 * because every key of a deployment starts with its `{hash tag}` prefix and so lives in one slot; only server-wide
 * commands (INFO, CLIENT LIST) must be asked of every master, see {@link redisNodes}.
 */
export type RedisClient = Redis | Cluster;

/**
 * The servers behind a client: itself for one server, every master for a cluster. Server-wide facts (eviction policy,
 * connected clients) hold per node, so they are read from each of them.
 */
export function redisNodes(redis: RedisClient): Redis[] {
  return 'nodes' in redis && typeof redis.nodes === 'function' ? redis.nodes('master') : [redis as Redis];
}
