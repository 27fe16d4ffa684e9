import { RedisClusterConfigError } from './redis-cluster-config-error.js';

/**
 * Where the processes' Redis is: one server, or a cluster's seed nodes. A cluster is refused without a `{hash tag}`
 * prefix, because BullMQ's scripts touch several keys of a queue at once and a cluster refuses keys in different slots
 * (CROSSSLOT) mid-run; and it is refused together with FLEET_REDIS_SHARDS, which shards by hand what a cluster shards
 * by slot.
 *
 * @example
 * const redis = createRedisConnection(redisTarget(env), 'blocking', onError, redisTlsOptions(env));
 */
export function redisTarget(env: {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES: readonly string[];
  FLEET_QUEUE_PREFIX: string;
  FLEET_REDIS_SHARDS?: readonly string[];
}): { url: string; clusterNodes: readonly string[] } {
  const clusterNodes = env.REDIS_CLUSTER_NODES;
  if (clusterNodes.length > 0) {
    if (!/\{[^}]+\}/.test(env.FLEET_QUEUE_PREFIX))
      throw new RedisClusterConfigError(
        `REDIS_CLUSTER_NODES is set but FLEET_QUEUE_PREFIX '${env.FLEET_QUEUE_PREFIX}' has no {hash tag}; use e.g. '{${env.FLEET_QUEUE_PREFIX}}'`,
      );
    if ((env.FLEET_REDIS_SHARDS ?? []).length > 0)
      throw new RedisClusterConfigError(
        'REDIS_CLUSTER_NODES and FLEET_REDIS_SHARDS are both set; a cluster shards by slot, so use one or the other',
      );
  }
  return { url: env.REDIS_URL, clusterNodes };
}
