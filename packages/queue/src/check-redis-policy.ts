import type { Redis } from 'ioredis';

/** Thrown when Redis would evict keys under memory pressure, which silently loses queued jobs. */
class RedisPolicyError extends Error {
  override readonly name = 'RedisPolicyError';
  readonly code = 'REDIS_EVICTION_POLICY';
}

/**
 * Refuses to run against a Redis whose `maxmemory-policy` is not `noeviction` (read through INFO, which works where
 * CONFIG is disabled), and reports whether the append-only file is on, so callers can warn that a Redis crash loses recent jobs.
 */
export async function checkRedisPolicy(redis: Redis): Promise<{ persistence: boolean }> {
  const info = await redis.info();
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  const policy = field('maxmemory_policy');
  if (policy !== 'noeviction') {
    throw new RedisPolicyError(
      `Redis maxmemory-policy is '${policy ?? 'unknown'}'; BullMQ needs 'noeviction' (set maxmemory-policy noeviction in redis.conf)`,
    );
  }
  return { persistence: field('aof_enabled') === '1' };
}
