import { type RedisClient, redisNodes } from './redis-client.js';
import { RedisPolicyError } from './redis-policy-error.js';

/**
 * Refuses to run against a Redis whose `maxmemory-policy` is not `noeviction` (read through INFO, which works where
 * CONFIG is disabled), and reports whether the append-only file is on, so callers can warn that a Redis crash loses
 * recent jobs. On a cluster every master is checked, since each evicts (or persists) on its own.
 */
export async function checkRedisPolicy(redis: RedisClient): Promise<{ persistence: boolean }> {
  let persistence = true;
  for (const node of redisNodes(redis)) {
    const info = await node.info();
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
    const policy = field('maxmemory_policy');
    if (policy !== 'noeviction') {
      const where = redisNodes(redis).length > 1 ? ` on ${node.options.host}:${node.options.port}` : '';
      throw new RedisPolicyError(
        `Redis maxmemory-policy is '${policy ?? 'unknown'}'${where}; BullMQ needs 'noeviction' (set maxmemory-policy noeviction in redis.conf)`,
      );
    }
    persistence &&= field('aof_enabled') === '1';
  }
  return { persistence };
}
