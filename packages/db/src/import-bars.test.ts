import { randomBytes } from 'node:crypto';
import type { ParsedBar } from '@fleet/contracts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { upsertBars } from './bars.js';
import { createDatabase } from './create-database.js';
import { findDataVersion } from './find-data-version.js';
import { importBars } from './import-bars.js';
import { listBarSeries } from './list-bar-series.js';

const db = createDatabase({ url: inject('databaseUrl') });
afterAll(() => db.destroy());

const day = (d: number) => Date.UTC(2020, 0, d);
const bar = (d: number, close = '11'): ParsedBar => ({
  time: day(d),
  open: '10.5',
  high: '12.25',
  low: '10',
  close,
  volume: '1000',
});
const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => bar(from + i));
const newSymbol = () => `T${randomBytes(4).toString('hex').toUpperCase()}`;

describe('importBars', () => {
  it('re-importing the same bars is a no-op that keeps the data version', async () => {
    const series = { symbol: newSymbol(), interval: '1d' };
    const first = await importBars(db, series, [days(1, 3), days(4, 6)]);
    expect(first).toMatchObject({ rows: 6, inserted: 6, updated: 0, unchanged: 0, previousVersion: null });
    expect(first.dataVersion).toMatch(/^[0-9a-f]{16}$/);

    const again = await importBars(db, series, [days(1, 6)]);
    expect(again).toMatchObject({ rows: 6, inserted: 0, updated: 0, unchanged: 6 });
    expect(again.dataVersion, 'unchanged bars keep their version').toBe(first.dataVersion);
    expect(again.previousVersion).toBe(first.dataVersion);
  });

  it('an overlapping newer import inserts the new bars, updates the changed one and changes the version', async () => {
    const series = { symbol: newSymbol(), interval: '1d' };
    const first = await importBars(db, series, [days(1, 5)]);
    const newer = [...days(1, 3), bar(4, '11.5'), ...days(5, 8)];
    const second = await importBars(db, series, [newer]);
    expect(second).toMatchObject({
      rows: 8,
      inserted: 3,
      updated: 1,
      unchanged: 4,
      previousVersion: first.dataVersion,
    });
    expect(second.dataVersion).not.toBe(first.dataVersion);
    expect(await findDataVersion(db, series.symbol, '1d')).toBe(second.dataVersion);
  });

  it('derives the version from the bars alone: chunking, trailing zeros and symbol do not change it', async () => {
    const a = await importBars(db, { symbol: newSymbol(), interval: '1d' }, [days(1, 10)]);
    const b = await importBars(db, { symbol: newSymbol(), interval: '1d' }, [days(1, 4), days(5, 7), days(8, 10)]);
    const c = await importBars(db, { symbol: newSymbol(), interval: '1d' }, [
      days(1, 10).map((x) => ({ ...x, open: '10.50', low: '10.000' })),
    ]);
    expect(b.dataVersion).toBe(a.dataVersion);
    expect(c.dataVersion, 'numeric values, not their spelling, make the version').toBe(a.dataVersion);
    const d = await importBars(db, { symbol: newSymbol(), interval: '1d' }, [days(1, 9)]);
    expect(d.dataVersion, 'one bar fewer is different data').not.toBe(a.dataVersion);
  });

  it('writes nothing of a source that fails part-way, and leaves the version as it was', async () => {
    const series = { symbol: newSymbol(), interval: '1d' };
    const before = await importBars(db, series, [days(1, 3)]);
    async function* failing() {
      yield days(1, 10).map((x) => ({ ...x, close: '12' }));
      throw new Error('bad row on line 12');
    }
    await expect(importBars(db, series, failing())).rejects.toThrow('bad row on line 12');
    const stored = await db.selectFrom('bars').select(['close']).where('symbol', '=', series.symbol).execute();
    expect(
      stored.map((r) => r.close),
      'the first chunk was rolled back with the rest',
    ).toEqual(['11', '11', '11']);
    expect(await findDataVersion(db, series.symbol, '1d')).toBe(before.dataVersion);
  });

  it('gives a version to bars stored before versions existed on their next import', async () => {
    const series = { symbol: newSymbol(), interval: '1h' };
    await upsertBars(db, series.symbol, series.interval, days(1, 3));
    const reference = await importBars(db, { symbol: newSymbol(), interval: '1h' }, [days(1, 3)]);
    const imported = await importBars(db, series, [days(1, 3)]);
    expect(imported).toMatchObject({ unchanged: 3, previousVersion: null, dataVersion: reference.dataVersion });
  });

  it('lists one entry per symbol and interval with its bar count, range and version', async () => {
    const symbol = newSymbol();
    const daily = await importBars(db, { symbol, interval: '1d' }, [days(1, 5)]);
    const hourly = await importBars(db, { symbol, interval: '1h' }, [days(2, 3)]);
    const listed = (await listBarSeries(db)).filter((s) => s.symbol === symbol);
    expect(listed).toEqual([
      expect.objectContaining({
        symbol,
        interval: '1d',
        bars: 5,
        from: '2020-01-01T00:00:00.000Z',
        to: '2020-01-05T00:00:00.000Z',
        dataVersion: daily.dataVersion,
      }),
      expect.objectContaining({ symbol, interval: '1h', bars: 2, dataVersion: hourly.dataVersion }),
    ]);
  });
});
