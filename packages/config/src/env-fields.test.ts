import { describe, expect, it } from 'vitest';
import { DatabaseEnv, RedisEnv, RedisShardsEnv } from './env-fields.js';

const prefix = (value: string) => RedisEnv.safeParse({ FLEET_QUEUE_PREFIX: value }).success;

describe('FLEET_QUEUE_PREFIX', () => {
  it('accepts a Redis Cluster hash tag, so every key of a deployment hashes to one slot', () => {
    expect(prefix('{fleet}')).toBe(true);
    expect(prefix('prod-{fleet-1}')).toBe(true);
    expect(prefix('fleet-t1.a_b')).toBe(true);
  });

  it('refuses empty, unbalanced or several tags, which would split or misplace the keys', () => {
    for (const bad of ['', '{}', '{fleet', 'fleet}', '{a}{b}', 'a b', 'fleet:x', 'x'.repeat(65)]) {
      expect(prefix(bad), bad).toBe(false);
    }
  });
});

describe('TLS and shard variables', () => {
  it('parses an optional DATABASE_SSL_MODE with libpq names only', () => {
    expect(DatabaseEnv.parse({ DATABASE_SSL_MODE: 'verify-full' }).DATABASE_SSL_MODE).toBe('verify-full');
    expect(DatabaseEnv.safeParse({ DATABASE_SSL_MODE: 'prefer' }).success, 'prefer may fall back to clear text').toBe(
      false,
    );
  });

  it('splits FLEET_REDIS_SHARDS into Redis URLs', () => {
    expect(RedisShardsEnv.parse({}).FLEET_REDIS_SHARDS).toEqual([]);
    expect(
      RedisShardsEnv.parse({ FLEET_REDIS_SHARDS: 'redis://a:6379, rediss://b:6380/1' }).FLEET_REDIS_SHARDS,
    ).toEqual(['redis://a:6379', 'rediss://b:6380/1']);
    expect(RedisShardsEnv.safeParse({ FLEET_REDIS_SHARDS: 'redis://a:6379,http://b' }).success).toBe(false);
  });
});
