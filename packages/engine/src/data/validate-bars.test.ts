import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesFromBars, seriesFromCloses } from '../../test/support/synthetic-series.js';
import { InvalidDataError } from '../errors.js';
import type { BarSeries } from './bar-series.js';
import { validateBars } from './validate-bars.js';

function failure(series: BarSeries): InvalidDataError {
  try {
    validateBars(series);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDataError);
    return error as InvalidDataError;
  }
  throw new Error('expected InvalidDataError');
}

function withColumn(
  series: BarSeries,
  column: 'time' | 'open' | 'high' | 'low' | 'close' | 'volume',
  i: number,
  v: number,
) {
  const copy = series[column].slice();
  copy[i] = v;
  return { ...series, [column]: copy };
}

describe('validateBars', () => {
  const good = seriesFromCloses([10, 11, 12]);

  it('accepts consistent bars', () => {
    expect(() => validateBars(good)).not.toThrow();
  });

  it('names the symbol, the bar time in ISO and the rule', () => {
    const error = failure(withColumn(good, 'high', 1, 10.5));
    expect(error.name).toBe('InvalidDataError');
    expect(error.code).toBe('ENGINE_INVALID_DATA');
    expect(error.symbol).toBe('TEST');
    expect(error.barTime).toBe('2020-01-02T00:00:00.000Z');
    expect(error.message).toBe(
      'invalid bar data for TEST at 2020-01-02T00:00:00.000Z: bar 1: high must be ≥ max(open, close)',
    );
  });

  it.each([
    ['low above the open', withColumn(good, 'low', 2, 12.5), 'low must be ≤ min(open, close)'],
    ['zero price', seriesFromBars([{ open: 0, close: 1, low: 0 }]), 'prices must be > 0'],
    ['negative volume', withColumn(good, 'volume', 0, -1), 'volume must be ≥ 0'],
    ['NaN close', withColumn(good, 'close', 0, Number.NaN), 'prices must be finite numbers'],
    ['infinite volume', withColumn(good, 'volume', 0, Number.POSITIVE_INFINITY), 'volume must be a finite number'],
    ['duplicate time', withColumn(good, 'time', 1, good.time[0] as number), 'duplicate timestamp'],
    ['time going back', withColumn(good, 'time', 2, 0), 'timestamps must be strictly increasing'],
    ['no bars', seriesFromCloses([]), 'series has no bars'],
    ['ragged columns', { ...good, close: good.close.slice(0, 2) }, 'close has 2 values but length is 3'],
  ])('refuses %s', (_name, series, rule) => {
    expect(failure(series).rule).toContain(rule);
  });

  it('refuses any series whose timestamps are not strictly increasing', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 1e12 }), { minLength: 2, maxLength: 50 })
          .filter((times) => times.some((t, i) => i > 0 && t <= (times[i - 1] as number))),
        (times) => {
          const series = { ...seriesFromCloses(times.map(() => 1)), time: Float64Array.from(times) };
          expect(failure(series).rule).toMatch(/duplicate timestamp|strictly increasing/);
        },
      ),
    );
  });
});
