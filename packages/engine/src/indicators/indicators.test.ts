import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesFromCloses } from '../../test/support/synthetic-series.js';
import { Decimal } from '../money/decimal.js';
import { ExactRollingSum } from './exact-rolling-sum.js';
import { IndicatorCache } from './indicator-cache.js';
import { Extreme, rollingExtreme } from './rolling-extreme.js';
import { rollingStandardDeviation } from './rolling-standard-deviation.js';
import { simpleMovingAverage } from './simple-moving-average.js';
import { wilderRsi } from './wilder-rsi.js';

const values = (...xs: number[]) => Float64Array.from(xs);

/** Enough digits for the exact binary value of any double, so sums of them are exact. */
const Exact = Decimal.clone({ precision: 1200 });

/** The exact value of a double (not its shortest decimal string). */
function exactValue(x: number): Decimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const magnitude = new Exact(mantissa.toString()).times(new Exact(2).pow(biased === 0 ? -1074 : biased - 1075));
  return bits >> 63n === 1n ? magnitude.neg() : magnitude;
}

/** The window's exact sum rounded to the nearest double (string to number conversion rounds correctly). */
const correctlyRoundedSum = (xs: readonly number[]): number =>
  xs.reduce((sum, x) => sum.plus(exactValue(x)), new Exact(0)).toNumber();
const finite = (xs: Float64Array) => Array.from(xs, (x) => (Number.isNaN(x) ? null : x));

describe('ExactRollingSum', () => {
  it('returns the correctly rounded sum like math.fsum', () => {
    const sum = new ExactRollingSum();
    for (let i = 0; i < 10; i++) sum.add(0.1);
    expect(sum.value(), 'a naive float sum gives 0.9999999999999999').toBe(1);
    const cancel = new ExactRollingSum();
    for (const x of [1e16, 1, -1e16]) cancel.add(x);
    expect(cancel.value(), 'no catastrophic cancellation').toBe(1);
  });

  it('is the correctly rounded exact sum of every window, whether two doubles hold it or more are needed', () => {
    const price = fc.double({ min: 0.01, max: 1e4, noNaN: true });
    const wild = fc.oneof(price, fc.double({ min: -1e300, max: 1e300, noNaN: true }), fc.constantFrom(1e16, 1, -1e16));
    fc.assert(
      fc.property(fc.array(wild, { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 20 }), (xs, period) => {
        const rolling = new ExactRollingSum();
        xs.forEach((x, i) => {
          rolling.add(x);
          if (i >= period) rolling.add(-(xs[i - period] as number));
          const window = xs.slice(Math.max(0, i - period + 1), i + 1);
          // + 0 folds −0 into 0: the sign of a zero sum carries no meaning for an average.
          expect(rolling.value() + 0, `window ${window.join(', ')}`).toBe(correctlyRoundedSum(window) + 0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('removes values exactly, leaving the sum of the current window', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1e4, noNaN: true }), { minLength: 2, maxLength: 60 }), (xs) => {
        const rolling = new ExactRollingSum();
        for (const x of xs) rolling.add(x);
        rolling.add(-(xs[0] as number));
        const fresh = new ExactRollingSum();
        for (const x of xs.slice(1)) fresh.add(x);
        expect(rolling.value()).toBe(fresh.value());
      }),
    );
  });
});

describe('simpleMovingAverage', () => {
  it('is NaN during warm-up, then the window mean', () => {
    expect(finite(simpleMovingAverage(values(1, 2, 3, 4), 2))).toEqual([null, 1.5, 2.5, 3.5]);
    expect(finite(simpleMovingAverage(values(1, 2, 3, 4), 3))).toEqual([null, null, 2, 3]);
  });
});

describe('rollingStandardDeviation', () => {
  it('uses the population formula (divide by period)', () => {
    expect(finite(rollingStandardDeviation(values(1, 3, 5), 2))).toEqual([null, 1, 1]);
    expect(rollingStandardDeviation(values(10, 10, 7), 3)[2]).toBeCloseTo(Math.SQRT2, 12);
  });

  it('is exactly 0 on a flat window', () => {
    expect(rollingStandardDeviation(values(0.1, 0.1, 0.1), 3)[2]).toBe(0);
  });
});

describe('wilderRsi', () => {
  it('seeds with simple means, then smooths with (prev·(n−1) + x)/n', () => {
    const rsi = finite(wilderRsi(values(10, 11, 10, 9, 8, 9, 10), 2));
    expect(rsi).toEqual([null, null, 50, 25, 12.5, 56.25, 78.125]);
  });

  it('is 100 when there was no loss', () => {
    expect(wilderRsi(values(1, 2, 3), 2)[2]).toBe(100);
  });
});

describe('rollingExtreme', () => {
  it('covers the previous bars only, never the current one', () => {
    expect(finite(rollingExtreme(values(1, 3, 2, 0, 5), 2, Extreme.Highest))).toEqual([null, null, 3, 3, 2]);
    expect(finite(rollingExtreme(values(1, 3, 2, 0, 5), 2, Extreme.Lowest))).toEqual([null, null, 1, 2, 0]);
  });
});

describe('causality', () => {
  it('never changes an earlier value when later bars are appended', () => {
    const indicators = [
      (x: Float64Array) => simpleMovingAverage(x, 3),
      (x: Float64Array) => rollingStandardDeviation(x, 3),
      (x: Float64Array) => wilderRsi(x, 3),
      (x: Float64Array) => rollingExtreme(x, 3, Extreme.Highest),
      (x: Float64Array) => rollingExtreme(x, 3, Extreme.Lowest),
    ];
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.nat(40),
        (xs, cut) => {
          const full = Float64Array.from(xs);
          const prefix = full.slice(0, Math.min(cut, xs.length));
          for (const indicator of indicators) {
            expect(Array.from(indicator(prefix))).toEqual(Array.from(indicator(full).slice(0, prefix.length)));
          }
        },
      ),
    );
  });
});

describe('IndicatorCache', () => {
  it('computes each indicator once per distinct period, which is what makes sweeps cheap', () => {
    const cache = new IndicatorCache(seriesFromCloses([1, 2, 3, 4]));
    expect(cache.sma(2)).toBe(cache.sma(2));
    expect(cache.sma(2)).not.toBe(cache.sma(3));
    expect(cache.rsi(2)).toBe(cache.rsi(2));
  });
});
