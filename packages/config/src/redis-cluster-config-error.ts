/** Thrown at start-up when the Redis Cluster settings contradict the key prefix or the shard list. */
export class RedisClusterConfigError extends Error {
  override readonly name = 'RedisClusterConfigError';
  readonly code = 'INVALID_REDIS_CLUSTER_CONFIG';
}
