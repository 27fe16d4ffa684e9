import { randomBytes } from 'node:crypto';
import type { ParsedBar } from '@fleet/contracts';
import { createDatabase, importBars } from '@fleet/db';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BarCache } from './bar-cache.js';
import { createSeriesLoader } from './create-series-loader.js';

const db = createDatabase({ url: inject('databaseUrl') });
afterAll(() => db.destroy());

const DAY = 86_400_000;
const start = Date.UTC(2021, 0, 1);
const bars = (n: number, close = '100'): ParsedBar[] =>
  Array.from({ length: n }, (_, i) => ({
    time: start + i * DAY,
    open: '100',
    high: '101',
    low: '99',
    close,
    volume: '5',
  }));

describe('createSeriesLoader', () => {
  it('serves an unchanged series from the cache and reloads it once its data version changes', async () => {
    const symbol = `T${randomBytes(4).toString('hex').toUpperCase()}`;
    const first = await importBars(db, { symbol, interval: '1d' }, [bars(30)]);
    const cache = new BarCache(1024 * 1024);
    const load = createSeriesLoader(db, cache);
    const range = [start, start + 40 * DAY] as const;

    const cold = await load(symbol, '1d', ...range);
    const warm = await load(symbol, '1d', ...range);
    expect(warm, 'a hit returns the cached columns').toBe(cold);
    expect(cold).toMatchObject({ length: 30, dataVersion: first.dataVersion });
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 });

    await importBars(db, { symbol, interval: '1d' }, [bars(30)]);
    await load(symbol, '1d', ...range);
    expect(cache.stats(), 'a re-import that changed nothing keeps the cache warm').toMatchObject({
      hits: 2,
      misses: 1,
    });

    const second = await importBars(db, { symbol, interval: '1d' }, [bars(31, '100.5')]);
    const fresh = await load(symbol, '1d', ...range);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 2 });
    expect(fresh).toMatchObject({ length: 31, dataVersion: second.dataVersion });
    expect(fresh.close[0], 'new bars, not the cached ones').toBe(100.5);
  });

  it('returns no bars and no version for a series never imported, without caching it', async () => {
    const cache = new BarCache(1024 * 1024);
    const missing = await createSeriesLoader(db, cache)('NOSUCHSYMBOL', '1d', 0, Date.UTC(2030, 0, 1));
    expect(missing).toMatchObject({ length: 0, dataVersion: null });
    expect(cache.stats().entries).toBe(0);
  });
});
