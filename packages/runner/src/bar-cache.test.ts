import type { BarColumns } from '@fleet/db';
import { describe, expect, it } from 'vitest';
import { BarCache } from './bar-cache.js';

/** A series of `n` bars: six float64 columns, so it weighs 48 bytes per bar. */
function bars(n: number, symbol = 'TEST'): BarColumns {
  const column = () => new Float64Array(n);
  return {
    symbol,
    interval: '1d',
    dataVersion: '0123456789abcdef',
    length: n,
    time: column(),
    open: column(),
    high: column(),
    low: column(),
    close: column(),
    volume: column(),
  };
}

describe('BarCache', () => {
  it('loads a key once and then serves it from memory, counting hits and misses', async () => {
    const cache = new BarCache(10_000);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return bars(10);
    };
    const first = await cache.get('A', load);
    const second = await cache.get('A', load);
    expect(second, 'the cached series itself, not a copy').toBe(first);
    expect(loads).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1, bytes: 480 });
  });

  it('never holds more bytes than its bound, evicting the least recently used series first', async () => {
    const cache = new BarCache(48 * 250);
    await cache.get('A', async () => bars(100));
    await cache.get('B', async () => bars(100));
    await cache.get('A', async () => bars(100));
    await cache.get('C', async () => bars(100));
    const stats = cache.stats();
    expect(stats.bytes, 'two series of 4,800 bytes fit in 12,000, three do not').toBe(9_600);
    expect(stats).toMatchObject({ entries: 2, evictions: 1 });
    let reloaded = 0;
    await cache.get('A', async () => {
      reloaded += 1;
      return bars(100);
    });
    expect(reloaded, 'A was used more recently than B, so B went').toBe(0);
    await cache.get('B', async () => {
      reloaded += 1;
      return bars(100);
    });
    expect(reloaded).toBe(1);
    expect(cache.stats().bytes).toBeLessThanOrEqual(48 * 250);
  });

  it('returns a series larger than the whole budget without caching it', async () => {
    const cache = new BarCache(1_000);
    await cache.get('big', async () => bars(100));
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, misses: 1 });
  });

  it('shares one load between concurrent callers of a key, and forgets a failed load', async () => {
    const cache = new BarCache(10_000);
    let loads = 0;
    const slow = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return bars(5);
    };
    const [a, b] = await Promise.all([cache.get('K', slow), cache.get('K', slow)]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
    await expect(cache.get('F', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('F', async () => bars(1)), 'the next call loads again').toMatchObject({ length: 1 });
  });

  it('still answers the callers of a load that was pushed out while in flight', async () => {
    const cache = new BarCache(48 * 150);
    let finish: (value: BarColumns) => void = () => undefined;
    const pending = cache.get('A', () => new Promise<BarColumns>((resolve) => (finish = resolve)));
    await cache.get('B', async () => bars(100));
    await cache.get('C', async () => bars(100));
    finish(bars(100, 'A'));
    expect(await pending, 'the caller gets its bars even though the cache dropped the entry').toMatchObject({
      symbol: 'A',
      length: 100,
    });
    expect(cache.stats().bytes).toBeLessThanOrEqual(48 * 150);
  });
});
