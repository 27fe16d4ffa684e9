import { describe, expect, it } from 'vitest';
import { RedisShards } from './redis-shards.js';
import { shardIndex } from './shard-index.js';

const ids = Array.from({ length: 4000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

describe('shardIndex', () => {
  it('gives every process the same shard for a sweep id', () => {
    expect(ids.slice(0, 50).map((id) => shardIndex(id, 5))).toEqual(ids.slice(0, 50).map((id) => shardIndex(id, 5)));
    expect(shardIndex('any', 1)).toBe(0);
  });

  it('spreads sweeps evenly over the shards', () => {
    const counts = [0, 0, 0, 0];
    for (const id of ids) counts[shardIndex(id, 4)] = (counts[shardIndex(id, 4)] ?? 0) + 1;
    for (const c of counts) expect(c, `each shard gets ~1000 of 4000: ${counts}`).toBeGreaterThan(850);
  });

  it('moves only sweeps onto a new shard when one is appended, never between old shards', () => {
    const moved = ids.filter((id) => shardIndex(id, 3) !== shardIndex(id, 4));
    for (const id of moved) expect(shardIndex(id, 4)).toBe(3);
    expect(moved.length / ids.length, 'about a quarter move').toBeLessThan(0.3);
  });
});

describe('RedisShards', () => {
  const urls = ['redis://a:6379', 'redis://b:6379'];

  it('is REDIS_URL alone when not sharded', () => {
    const single = new RedisShards('redis://only:6379', []);
    expect(single.urlFor(ids[0] as string)).toBe('redis://only:6379');
    expect(single.owner('redis://only:6379')(ids[1] as string)).toBe(true);
  });

  it('gives each sweep to exactly one shard, whose own URL recognises it', () => {
    const shards = new RedisShards(urls[0] as string, urls);
    const ownsA = shards.owner('redis://a:6379/');
    const ownsB = shards.owner('redis://b:6379');
    for (const id of ids.slice(0, 200)) {
      expect(ownsA(id) !== ownsB(id), 'one owner per sweep').toBe(true);
      expect(shards.urlFor(id)).toBe(ownsA(id) ? urls[0] : urls[1]);
    }
  });

  it('refuses a process whose REDIS_URL is not a listed shard', () => {
    expect(() => new RedisShards('redis://c:6379', urls).owner('redis://c:6379')).toThrow(
      expect.objectContaining({ name: 'ShardConfigError', code: 'SHARD_NOT_LISTED' }),
    );
  });
});
