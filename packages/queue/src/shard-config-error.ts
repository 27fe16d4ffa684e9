/** Thrown at start-up when a process's REDIS_URL is not one of FLEET_REDIS_SHARDS, so it cannot know its sweeps. */
export class ShardConfigError extends Error {
  override readonly name = 'ShardConfigError';
  readonly code = 'SHARD_NOT_LISTED';
}
