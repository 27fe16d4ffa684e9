import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadBars, upsertBars } from './bars.js';
import { createDatabase } from './create-database.js';
import { importBars } from './import-bars.js';

const db = createDatabase({ url: inject('databaseUrl') });
afterAll(() => db.destroy());

const day = (d: number) => Date.UTC(2020, 0, d);
const bars = [
  { time: day(1), open: '10.5', high: '11.25', low: '10', close: '11', volume: '1000' },
  { time: day(2), open: '11', high: '12', low: '10.75', close: '11.9375', volume: '0' },
];

describe('bars', () => {
  it('re-importing the same bars is a no-op, and a changed bar is updated alone', async () => {
    const symbol = `T${randomBytes(3).toString('hex').toUpperCase()}`;
    expect(await upsertBars(db, symbol, '1d', bars)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await upsertBars(db, symbol, '1d', bars)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const changed = [bars[0], { ...bars[1], close: '11.5' }] as typeof bars;
    expect(await upsertBars(db, symbol, '1d', changed)).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
  });

  it('loads a range into float columns holding the doubles nearest the stored decimals', async () => {
    const symbol = `T${randomBytes(3).toString('hex').toUpperCase()}`;
    await upsertBars(db, symbol, '1d', bars);
    const loaded = await loadBars(db, symbol, '1d', day(1), day(1) + 86_399_999);
    expect(loaded.length).toBe(1);
    expect([...loaded.time]).toEqual([day(1)]);
    expect([loaded.open[0], loaded.high[0], loaded.low[0], loaded.close[0], loaded.volume[0]]).toEqual([
      10.5, 11.25, 10, 11, 1000,
    ]);
    expect((await loadBars(db, symbol, '1h', day(1), day(3))).length, 'intervals are kept apart').toBe(0);
  });

  it('pages through a range larger than one fetch into exact columns tagged with the data version', async () => {
    const symbol = `T${randomBytes(3).toString('hex').toUpperCase()}`;
    const many = Array.from({ length: 25 }, (_, i) => ({
      time: day(1 + i),
      open: String(100 + i),
      high: String(101 + i),
      low: String(99 + i),
      close: `${100 + i}.5`,
      volume: String(i),
    }));
    const { dataVersion } = await importBars(db, { symbol, interval: '1d' }, [many]);
    const loaded = await loadBars(db, symbol, '1d', day(3), day(22), { pageRows: 4 });
    expect(loaded.length, 'days 3..22 inclusive').toBe(20);
    expect(loaded.dataVersion).toBe(dataVersion);
    expect([...loaded.time]).toEqual(many.slice(2, 22).map((b) => b.time));
    expect([...loaded.close]).toEqual(many.slice(2, 22).map((b) => Number(b.close)));
    expect([...loaded.volume]).toEqual(many.slice(2, 22).map((b) => Number(b.volume)));
    const missing = await loadBars(db, `${symbol}X`, '1d', day(1), day(30));
    expect([missing.length, missing.dataVersion], 'a series never imported has no version').toEqual([0, null]);
  });
});
